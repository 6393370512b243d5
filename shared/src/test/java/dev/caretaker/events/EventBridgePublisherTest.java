package dev.caretaker.events;

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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** EventBridge PutEvents on the wire: AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}. */
class EventBridgePublisherTest {

    private static final String BUS = "caretaker-acme-dev";
    private static final Instant T0 = Instant.parse("2026-11-21T03:02:11Z");

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private EventBridgeClient client;
    private EventBridgePublisher publisher;

    @BeforeEach
    void connect() {
        client = WireClients.against(EventBridgeClient.builder(), AWS.baseUrl());
        publisher = new EventBridgePublisher(client, BUS);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static void respondWith(String fixture) {
        AWS.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(WireFixtures.load(fixture))));
    }

    private static ResultEvent driftWarning() {
        return new ResultEvent("caretaker.drift", "DriftCheckCompleted", Severity.WARNING, "drift-0b7c1f33c2b94a5e8d0e6a11",
                "drift-5d0c2a8e4f1b7c9d3e6a0b12", "app-b", "app-b has drifted: 1 resource(s) differ from the template", T0,
                Map.of("stackDriftStatus", "DRIFTED", "drifted", 1));
    }

    @Test
    void putsOneEntryOnTheBusWithSourceDetailTypeAndDetail_whenPublishing() throws Exception {
        respondWith("eventbridge/PutEvents.json");

        publisher.publish(driftWarning());

        AWS.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")));
        LoggedRequest request = AWS.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
        JsonNode entries = Json.mapper().readTree(request.getBodyAsString()).get("Entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("EventBusName").asText()).isEqualTo(BUS);
        assertThat(entry.get("Source").asText()).isEqualTo("caretaker.drift");
        assertThat(entry.get("DetailType").asText()).isEqualTo("DriftCheckCompleted");
        assertThat(entry.get("Resources")).singleElement().extracting(JsonNode::asText).isEqualTo("drift-0b7c1f33c2b94a5e8d0e6a11");
        assertThat(entry.get("Time").asLong()).isEqualTo(T0.getEpochSecond());
        // Detail travels as a JSON document inside a string, as EventBridge requires.
        assertThat(entry.get("Detail").isTextual()).isTrue();
        JsonNode detail = Json.mapper().readTree(entry.get("Detail").asText());
        assertThat(detail.get("severity").asText()).isEqualTo("WARNING");
        assertThat(detail.get("jobId").asText()).isEqualTo("drift-0b7c1f33c2b94a5e8d0e6a11");
        assertThat(detail.get("correlationId").asText()).isEqualTo("drift-5d0c2a8e4f1b7c9d3e6a0b12");
        assertThat(detail.get("target").asText()).isEqualTo("app-b");
        assertThat(detail.get("summary").asText()).isEqualTo("app-b has drifted: 1 resource(s) differ from the template");
        assertThat(detail.get("data").get("stackDriftStatus").asText()).isEqualTo("DRIFTED");
        assertThat(detail.get("data").get("drifted").asInt()).isEqualTo(1);
    }

    @Test
    void throwsNamingJobAndReason_whenBusRejectsTheEntry() {
        respondWith("eventbridge/PutEvents-failed.json");

        assertThatThrownBy(() -> publisher.publish(driftWarning()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event bus " + BUS + " rejected DriftCheckCompleted for job drift-0b7c1f33c2b94a5e8d0e6a11:"
                        + " InternalFailure Internal service error.");
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }
}
