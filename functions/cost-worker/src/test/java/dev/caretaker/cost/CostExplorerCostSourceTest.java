package dev.caretaker.cost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;

/**
 * GetCostAndUsage against recorded Cost Explorer responses: AWS JSON 1.1, {@code POST /} with
 * {@code X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage}. Each request costs $0.01.
 */
class CostExplorerCostSourceTest {

    private static final String TARGET = "AWSInsightsIndexService.GetCostAndUsage";
    private static final CostPeriod NOVEMBER_TO_DATE = new CostPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-21"));

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private CostExplorerClient client;
    private CostExplorerCostSource source;

    @BeforeEach
    void connect() {
        client = WireClients.against(CostExplorerClient.builder(), AWS.baseUrl());
        source = new CostExplorerCostSource(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** The GetCostAndUsage requests sent, oldest first, as JSON. */
    private static List<JsonNode> sent() {
        List<LoggedRequest> requests = AWS.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
        return requests.stream().map(request -> {
            try {
                return Json.mapper().readTree(request.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void readsEveryServiceInOnePaidRequest_whenResultFitsOnePage() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(json(200, WireFixtures.load("costexplorer/GetCostAndUsage.json"))));

        CostSource.Costs costs = source.costByService(NOVEMBER_TO_DATE);

        assertThat(costs.paidRequests()).isEqualTo(1);
        assertThat(costs.services()).containsExactly(
                new ServiceCost("AWS Lambda", new BigDecimal("0.4213870125"), "USD"),
                new ServiceCost("Amazon DynamoDB", new BigDecimal("0.0871"), "USD"),
                new ServiceCost("AWS Key Management Service", new BigDecimal("1"), "USD"));
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void asksForMonthlyUnblendedCostGroupedByService_overThePeriod() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(json(200, WireFixtures.load("costexplorer/GetCostAndUsage.json"))));

        source.costByService(NOVEMBER_TO_DATE);

        LoggedRequest request = AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
        JsonNode body = sent().get(0);
        assertThat(body.get("TimePeriod").get("Start").asText()).isEqualTo("2026-11-01");
        assertThat(body.get("TimePeriod").get("End").asText()).isEqualTo("2026-11-21");
        assertThat(body.get("Granularity").asText()).isEqualTo("MONTHLY");
        assertThat(body.get("Metrics")).singleElement().extracting(JsonNode::asText).isEqualTo("UnblendedCost");
        assertThat(body.get("GroupBy")).singleElement().satisfies(group -> {
            assertThat(group.get("Type").asText()).isEqualTo("DIMENSION");
            assertThat(group.get("Key").asText()).isEqualTo("SERVICE");
        });
        assertThat(body.has("NextPageToken")).isFalse();
        assertThat(body.has("Filter")).as("the whole account, no filter").isFalse();
    }

    @Test
    void followsNextPageTokenAndCountsBothPaidRequests_whenResultSpansTwoPages() {
        String token = "eyJwYWdlIjoyLCJvZmZzZXQiOjJ9";
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(json(200, WireFixtures.load("costexplorer/GetCostAndUsage-page-1.json", Map.of("nextPageToken", token)))));
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo(token)))
                .willReturn(json(200, WireFixtures.load("costexplorer/GetCostAndUsage-page-2.json"))));

        CostSource.Costs costs = source.costByService(NOVEMBER_TO_DATE);

        assertThat(costs.paidRequests()).isEqualTo(2);
        assertThat(costs.services()).extracting(ServiceCost::service)
                .containsExactly("AWS Lambda", "Amazon DynamoDB", "Amazon Simple Storage Service");
        List<JsonNode> sent = sent();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).has("NextPageToken")).isFalse();
        assertThat(sent.get(1).get("NextPageToken").asText()).isEqualTo(token);
        // The second page asks the same question.
        assertThat(sent.get(1).get("TimePeriod")).isEqualTo(sent.get(0).get("TimePeriod"));
        assertThat(sent.get(1).get("GroupBy")).isEqualTo(sent.get(0).get("GroupBy"));
    }

    @Test
    void throwsCostExplorerErrorAfterOneRequest_whenDataIsUnavailable() {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(json(400, WireFixtures.load("costexplorer/Error.json", Map.of(
                        "type", "DataUnavailableException", "message", "Data is not available. Please try to adjust the time period.")))));

        assertThatThrownBy(() -> source.costByService(NOVEMBER_TO_DATE))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("Data is not available");
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }
}
