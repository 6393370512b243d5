package dev.caretaker.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedule shapes, read from the same event files {@code sam local invoke -e} takes. */
class ScheduleEventsTest {

    private static ObjectNode event(String path) throws Exception {
        return (ObjectNode) Json.mapper().readTree(RepoRoot.read(path));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void readsScheduleTypeAndTime_whenSchedulerInputNamesTheJobType() throws Exception {
        JsonNode input = event("events/schedule-drift.json");

        assertThat(ScheduleEvents.isSchedulerInput(input)).isTrue();
        assertThat(ScheduleEvents.isClassicScheduledEvent(input)).isFalse();
        assertThat(ScheduleEvents.parse(input))
                .isEqualTo(new ScheduledTrigger("drift", JobType.DRIFT_CHECK, Instant.parse("2026-11-21T03:00:00Z")));
        assertThat(ScheduleEvents.parse(event("events/schedule-cost.json")))
                .isEqualTo(new ScheduledTrigger("cost", JobType.COST_REPORT, Instant.parse("2026-11-21T06:00:00Z")));
    }

    @Test
    void takesTheTypeFromTheScheduleName_whenSchedulerInputHasNoJobType() throws Exception {
        JsonNode input = json("{\"schedule\": \"caretaker-dev-backup\", \"scheduledTime\": \"2026-11-21T04:00:00Z\"}");

        assertThat(ScheduleEvents.parse(input))
                .isEqualTo(new ScheduledTrigger("caretaker-dev-backup", JobType.BACKUP, Instant.parse("2026-11-21T04:00:00Z")));
    }

    @Test
    void readsRuleNameSuffixAndTime_whenClassicScheduledEventFires() throws Exception {
        JsonNode event = event("events/scheduled-event-backup.json");

        assertThat(ScheduleEvents.isClassicScheduledEvent(event)).isTrue();
        assertThat(ScheduleEvents.isSchedulerInput(event)).isFalse();
        assertThat(ScheduleEvents.parse(event))
                .isEqualTo(new ScheduledTrigger("caretaker-dev-backup", JobType.BACKUP, Instant.parse("2026-11-21T04:00:00Z")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "caretaker-dev-drift, DRIFT_CHECK",
        "caretaker-prod-cost, COST_REPORT",
        "nightly-BACKUP, BACKUP",
        "drift, DRIFT_CHECK"})
    void mapsRuleNameSuffixToJobType_whenClassicScheduledEventFires(String rule, JobType type) throws Exception {
        ObjectNode event = event("events/scheduled-event-backup.json");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:rule/" + rule);

        assertThat(ScheduleEvents.parse(event).jobType()).isEqualTo(type);
    }

    @Test
    void saysHowToNameTheSchedule_whenRuleNameSuffixIsUnknown() throws Exception {
        ObjectNode event = event("events/scheduled-event-backup.json");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:rule/caretaker-dev-report");

        assertThatThrownBy(() -> ScheduleEvents.parse(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schedule 'caretaker-dev-report' does not say what to run: name it *-drift, *-cost or *-backup,"
                        + " or pass jobType");
    }

    @Test
    void doesNotMatchASuffixInsideAWord_whenRuleNameMerelyEndsInIt() throws Exception {
        ObjectNode event = event("events/scheduled-event-backup.json");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:rule/antidrift");

        assertThatThrownBy(() -> ScheduleEvents.parse(event)).hasMessageStartingWith("schedule 'antidrift' does not say what to run");
    }

    @Test
    void namesTheFieldAndValue_whenSchedulerTimeIsNotAnInstant() throws Exception {
        ObjectNode input = event("events/schedule-drift.json");
        input.put("scheduledTime", "2026-11-21 03:00");

        assertThatThrownBy(() -> ScheduleEvents.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduledTime '2026-11-21 03:00' is not an ISO-8601 instant");
    }

    @Test
    void namesTheFieldAndValue_whenClassicEventTimeIsNotAnInstant() throws Exception {
        ObjectNode event = event("events/scheduled-event-backup.json");
        event.put("time", "yesterday");

        assertThatThrownBy(() -> ScheduleEvents.parse(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void listsTheKnownTypes_whenSchedulerInputNamesAnUnknownJobType() throws Exception {
        ObjectNode input = event("events/schedule-drift.json");
        input.put("jobType", "PAINT");

        assertThatThrownBy(() -> ScheduleEvents.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown job type 'PAINT'; expected one of [DEPLOY, DRIFT_CHECK, COST_REPORT, BACKUP, RESTORE]");
    }

    @Test
    void saysWhichRuleIsMissing_whenClassicEventHasNoResources() throws Exception {
        ObjectNode event = event("events/scheduled-event-backup.json");
        event.putArray("resources");

        assertThatThrownBy(() -> ScheduleEvents.parse(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduled event has no resources: cannot tell which rule fired");
    }

    @Test
    void saysWhatItExpected_whenEventIsNoSchedule() throws Exception {
        JsonNode other = event("events/result-event-drift.json");

        assertThat(ScheduleEvents.isSchedulerInput(other)).isFalse();
        assertThat(ScheduleEvents.isClassicScheduledEvent(other)).isFalse();
        assertThatThrownBy(() -> ScheduleEvents.parse(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a schedule event: expected Scheduler input {schedule, scheduledTime} or an EventBridge Scheduled Event");
    }
}
