package dev.caretaker.orchestrator.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.testing.TestCredentials;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/** drift.tagSelector (and the default scope) against recorded DescribeStacks pages, throttling included. */
class CloudFormationTaggedStacksTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final CloudFormationTaggedStacks tagged = new CloudFormationTaggedStacks(() -> {
        clientsBuilt.incrementAndGet();
        return WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
    }, "app-");

    @Test
    void returnsManagedStacksCarryingEverySelectedTag_acrossAllPages() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(notContaining("NextToken"))
                .willReturn(xml(WireFixtures.load("cloudformation/DescribeStacks-tagged-page-1.xml"))));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("NextToken=page-2"))
                .willReturn(xml(WireFixtures.load("cloudformation/DescribeStacks-tagged-page-2.xml"))));

        assertThat(tagged.matching(Map.of("caretaker:watch", "true")))
                .as("payroll carries the tag but is outside the managed prefix; app-search's value differs")
                .containsExactly("app-orders", "app-billing");
        assertThat(tagged.matching(Map.of("caretaker:watch", "true", "team", "payments"))).containsExactly("app-orders");
        assertThat(tagged.matching(Map.of())).as("no selection: every managed stack")
                .containsExactly("app-orders", "app-search", "app-billing");
        AWS.verify(6, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void selectsNothingAndCallsNothing_whenNoManagedPrefixIsSet() {
        CloudFormationTaggedStacks unscoped = new CloudFormationTaggedStacks(() -> {
            clientsBuilt.incrementAndGet();
            return WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
        }, " ");

        assertThat(unscoped.matching(Map.of())).isEmpty();
        assertThat(clientsBuilt).hasValue(0);
    }

    @Test
    void buildsNoClient_untilASelectionIsMade() {
        assertThat(clientsBuilt).hasValue(0);
    }

    @Test
    void retriesAThrottledPage_withTheClientTheOrchestratorBuilds() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(notContaining("NextToken")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("answered")
                .willReturn(xml(400, throttling())));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(notContaining("NextToken")).inScenario("throttled").whenScenarioStateIs("answered")
                .willReturn(xml(WireFixtures.load("cloudformation/DescribeStacks-tagged-page-1.xml"))));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("NextToken=page-2"))
                .willReturn(xml(WireFixtures.load("cloudformation/DescribeStacks-tagged-page-2.xml"))));
        // As OrchestratorHandler builds it: the SDK's standard retries, which retry Throttling.
        AwsClientFactory clients = new AwsClientFactory(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_CLOUDFORMATION", AWS.baseUrl()), TestCredentials.provider());
        CloudFormationTaggedStacks production = new CloudFormationTaggedStacks(
                () -> clients.build(CloudFormationClient.builder(), "CLOUDFORMATION"), "app-");

        assertThat(production.matching(Map.of("caretaker:watch", "true"))).containsExactly("app-orders", "app-billing");
        AWS.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void failsWithTheThrottlingError_ratherThanSelectingNothing_whenDescribeStacksStaysThrottled() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .willReturn(xml(400, throttling())));

        assertThatThrownBy(() -> tagged.matching(Map.of()))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"))
                .hasMessageContaining("Rate exceeded");
    }

    private static String throttling() {
        return WireFixtures.load("cloudformation/Error.xml", Map.of("code", "Throttling", "message", "Rate exceeded"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }
}
