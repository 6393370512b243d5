package dev.caretaker.deployment.prerequisites;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.AccessDeniedException;

/** Service Quotas GetServiceQuota against recorded responses (AWS JSON 1.1). */
class ServiceQuotasQuotaReaderTest {

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private ServiceQuotasClient client;
    private ServiceQuotasQuotaReader reader;

    @BeforeEach
    void connect() {
        client = WireClients.against(ServiceQuotasClient.builder(), AWS.baseUrl());
        reader = new ServiceQuotasQuotaReader(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static void answers(int status, String body) {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ServiceQuotasV20190624.GetServiceQuota"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    @Test
    void readsTheAppliedValue_whenQuotaExists() throws Exception {
        answers(200, WireFixtures.load("servicequotas/GetServiceQuota.json", Map.of("service", "sqs", "quota", "L-4B5C6AB0",
                "value", "120000.0")));

        assertThat(reader.value("sqs", "L-4B5C6AB0")).isEqualTo(OptionalDouble.of(120000.0));
        JsonNode sent = Json.mapper().readTree(AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString());
        assertThat(sent.get("ServiceCode").asText()).isEqualTo("sqs");
        assertThat(sent.get("QuotaCode").asText()).isEqualTo("L-4B5C6AB0");
    }

    @Test
    void readsNothing_whenQuotaDoesNotExist() {
        answers(400, WireFixtures.load("servicequotas/Error.json", Map.of("type", "NoSuchResourceException",
                "message", "The request failed because the specified quota does not exist.")));

        assertThat(reader.value("sqs", "L-00000000")).isEmpty();
    }

    @Test
    void throws_whenAccessIsDenied() {
        answers(400, WireFixtures.load("servicequotas/Error.json", Map.of("type", "AccessDeniedException",
                "message", "User is not authorized to perform servicequotas:GetServiceQuota")));

        assertThatThrownBy(() -> reader.value("sqs", "L-4B5C6AB0")).isInstanceOf(AccessDeniedException.class);
    }
}
