package dev.caretaker.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalClients;
import dev.caretaker.local.LocalTemplates;
import dev.caretaker.local.resources.LocalResource;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

class LocalEventBusTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:00:07Z");
    private static final LocalResource BUS = LocalResource.eventBus("EventBus", "caretaker-local-EventBus",
            "arn:aws:events:eu-west-1:000000000000:event-bus/caretaker-local-EventBus");

    private final List<String> received = new CopyOnWriteArrayList<>();
    private LocalEventBus bus;
    private EventBridgeClient events;

    @BeforeEach
    void startBus() {
        bus = new LocalEventBus(EventRules.fromTemplate(LocalTemplates.repositoryTemplate()), List.of(BUS), LocalClients.ACCOUNT,
                Clock.fixed(NOW, ZoneOffset.UTC)).start();
        events = LocalClients.at(bus.endpoint()).build(EventBridgeClient.builder(), "EVENTBRIDGE");
    }

    @AfterEach
    void stopBus() {
        events.close();
        bus.close();
    }

    @Test
    void deliversTheEnvelopeToTheOrchestrator_whenAWarningResultIsPublishedThroughTheRealAdapter() throws Exception {
        bus.register("OrchestratorFunction", received::add);

        new EventBridgePublisher(events, "caretaker-local-EventBus").publish(result(Severity.WARNING));

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        JsonNode envelope = Json.mapper().readTree(received.get(0));
        assertThat(envelope.get("source").asText()).isEqualTo("caretaker.drift");
        assertThat(envelope.get("detail-type").asText()).isEqualTo("DriftCheckCompleted");
        assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-21T03:00:00Z");
        assertThat(envelope.get("resources").get(0).asText()).isEqualTo("job-1");
        assertThat(envelope.get("detail").get("severity").asText()).isEqualTo("WARNING");
        assertThat(envelope.get("id").asText()).isEqualTo(bus.events().get(0).id());
        assertThat(bus.events()).singleElement().satisfies(event -> {
            assertThat(event.busName()).isEqualTo("caretaker-local-EventBus");
            assertThat(event.deliveries()).containsExactly(
                    new Delivery.Delivered("OrchestratorFunctionResultEvents", "OrchestratorFunction"));
        });
    }

    @Test
    void logsTheEventWithoutDelivering_whenNoRuleMatches() throws Exception {
        bus.register("OrchestratorFunction", received::add);

        new EventBridgePublisher(events, BUS.arn()).publish(result(Severity.INFO));

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        assertThat(received).isEmpty();
        assertThat(bus.events()).singleElement().satisfies(event -> {
            assertThat(event.detailType()).isEqualTo("DriftCheckCompleted");
            assertThat(event.deliveries()).isEmpty();
        });
    }

    @Test
    void recordsTheFailure_whenTheTargetThrows() throws Exception {
        bus.register("OrchestratorFunction", json -> {
            throw new IllegalStateException("orchestrator is down");
        });

        new EventBridgePublisher(events, "caretaker-local-EventBus").publish(result(Severity.ERROR));

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        assertThat(bus.events().get(0).deliveries()).containsExactly(new Delivery.Failed("OrchestratorFunctionResultEvents",
                "OrchestratorFunction", "IllegalStateException: orchestrator is down"));
    }

    @Test
    void recordsNoTarget_whenTheRuntimeRegisteredNone() throws Exception {
        new EventBridgePublisher(events, "caretaker-local-EventBus").publish(result(Severity.CRITICAL));

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        assertThat(bus.events().get(0).deliveries())
                .containsExactly(new Delivery.NoTarget("OrchestratorFunctionResultEvents", "OrchestratorFunction"));
    }

    @Test
    void failsTheEntry_whenTheBusDoesNotExist() {
        PutEventsResponse response = events.putEvents(put -> put.entries(PutEventsRequestEntry.builder().eventBusName("elsewhere")
                .source("caretaker.drift").detailType("T").detail("{}").build()));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(response.entries().get(0).errorMessage()).isEqualTo("Event bus elsewhere does not exist.");
        assertThat(bus.events()).isEmpty();
    }

    @Test
    void failsOnlyTheBadEntry_whenOneDetailIsNotJson() {
        PutEventsResponse response = events.putEvents(put -> put.entries(
                PutEventsRequestEntry.builder().eventBusName("caretaker-local-EventBus").source("caretaker.drift").detailType("T")
                        .detail("{\"a\":1}").build(),
                PutEventsRequestEntry.builder().eventBusName("caretaker-local-EventBus").source("caretaker.drift").detailType("T")
                        .detail("not json").build()));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        assertThat(response.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
        assertThat(bus.events()).hasSize(1);
    }

    @Test
    void answersWithAnErrorNamingTheOperation_whenItIsNotPutEvents() {
        assertThatThrownBy(() -> events.listRules(list -> list.eventBusName("caretaker-local-EventBus")))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("the local event bus implements PutEvents only, not ListRules");
    }

    @Test
    void refusesToRegister_whenNoRuleTargetsTheLogicalId() {
        assertThatThrownBy(() -> bus.register("CostWorkerFunction", received::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no rule of the template targets CostWorkerFunction; targets: [OrchestratorFunction]");
    }

    @Test
    void leavesNothingListening_whenClosed() throws Exception {
        URI endpoint = bus.endpoint();

        bus.close();

        assertThatThrownBy(() -> new Socket(endpoint.getHost(), endpoint.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    private static ResultEvent result(Severity severity) {
        return new ResultEvent("caretaker.drift", "DriftCheckCompleted", severity, "job-1", "corr-1", "app-a", "drift checked",
                Instant.parse("2026-11-21T03:00:00.250Z"), Map.of("drifted", 1));
    }
}
