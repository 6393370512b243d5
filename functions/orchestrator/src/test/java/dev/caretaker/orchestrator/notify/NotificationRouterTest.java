package dev.caretaker.orchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.events.Severity;
import dev.caretaker.json.Json;
import dev.caretaker.notify.Notification;
import dev.caretaker.testing.RepoRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Result events from the bus, starting from the recorded drift event in events/. */
class NotificationRouterTest {

    private final List<Notification> sent = new ArrayList<>();
    private NotificationRouter router;
    private ObjectNode event;

    @BeforeEach
    void router() throws Exception {
        router = new NotificationRouter(sent::add, Severity.WARNING);
        event = (ObjectNode) Json.mapper().readTree(RepoRoot.read("events/result-event-drift.json"));
    }

    private ObjectNode detail() {
        return (ObjectNode) event.get("detail");
    }

    @Test
    void recognisesCaretakerResultEvents_butNotSchedules() throws Exception {
        assertThat(NotificationRouter.isResultEvent(event)).isTrue();
        assertThat(NotificationRouter.isResultEvent(Json.mapper().readTree(RepoRoot.read("events/scheduled-event-backup.json"))))
                .isFalse();
        assertThat(NotificationRouter.isResultEvent(Json.mapper().readTree(RepoRoot.read("events/schedule-drift.json"))))
                .isFalse();
    }

    @Test
    void sendsWarningWithDetailTypeAndTargetAsSubject_whenDriftWasFound() {
        boolean notified = router.route(event);

        assertThat(notified).isTrue();
        assertThat(sent).singleElement().satisfies(notification -> {
            assertThat(notification.severity()).isEqualTo(Severity.WARNING);
            assertThat(notification.subject()).isEqualTo("DriftCheckCompleted: app-b");
            assertThat(notification.body()).isEqualTo("app-b: 1 drifted resource(s) (1 WARNING), 1 new finding(s)");
            assertThat(notification.jobId()).isEqualTo("drift-0b7c1f33c2b94a5e8d0e6a11");
            assertThat(notification.facts()).containsEntry("source", "caretaker.drift")
                    .containsEntry("account", "123456789012")
                    .containsEntry("region", "eu-west-1")
                    .containsEntry("time", "2026-11-21T03:02:11Z");
            assertThat(notification.facts().get("data")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("stack", "app-b").containsEntry("status", "DRIFTED")
                    .containsEntry("counts", Map.of("critical", 0, "warning", 1, "info", 0, "ignored", 0, "unchecked", 0));
        });
    }

    @Test
    void dropsTheEvent_whenSeverityIsInfo() {
        detail().put("severity", "INFO");

        assertThat(router.route(event)).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void dropsTheEvent_whenSeverityIsMissing() {
        detail().remove("severity");

        assertThat(router.route(event)).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void treatsUnknownSeverityAsWarning_soNothingImportantIsLost() {
        detail().put("severity", "SEVERE");

        assertThat(router.route(event)).isTrue();
        assertThat(sent).singleElement().extracting(Notification::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void keepsHigherSeverity_whenEventIsCritical() {
        detail().put("severity", "critical");

        router.route(event);

        assertThat(sent).singleElement().extracting(Notification::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void usesDetailTypeAloneAsSubject_whenJobIsAccountWide() {
        event.put("detail-type", "CostReportFailed");
        detail().put("severity", "ERROR");
        detail().put("target", "*");

        router.route(event);

        assertThat(sent).singleElement().extracting(Notification::subject).isEqualTo("CostReportFailed");
    }
}
