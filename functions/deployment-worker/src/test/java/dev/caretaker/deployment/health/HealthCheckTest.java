package dev.caretaker.deployment.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployment.health.AlarmStates.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private static final String FIVE_XX = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-5xx";
    private static final String LATENCY = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app:latency";
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static AlarmState state(String arn, String value) {
        return new AlarmState(arn, HealthCheck.alarmName(arn), value, value.equals("ALARM") ? "Threshold Crossed" : null);
    }

    @Test
    void isHealthyAtOnce_whenNoAlarmsAreConfigured() {
        assertThat(HealthCheck.judge(List.of(), Map.of(), START, WINDOW, START))
                .isInstanceOf(HealthVerdict.Healthy.class);
    }

    @Test
    void keepsWatching_whileTheWindowIsOpenAndNothingFires() {
        HealthVerdict verdict = HealthCheck.judge(List.of(FIVE_XX, LATENCY),
                Map.of(FIVE_XX, state(FIVE_XX, "OK"), LATENCY, state(LATENCY, "INSUFFICIENT_DATA")),
                START, WINDOW, START.plusSeconds(14 * 60 + 30));

        assertThat(verdict).isInstanceOfSatisfying(HealthVerdict.Watching.class,
                watching -> assertThat(watching.waitSeconds()).isEqualTo(30));
    }

    @Test
    void pollsAtMostOnceAMinute_whenTheWindowIsLong() {
        HealthVerdict verdict = HealthCheck.judge(List.of(FIVE_XX), Map.of(FIVE_XX, state(FIVE_XX, "OK")), START, WINDOW, START);

        assertThat(verdict).isInstanceOfSatisfying(HealthVerdict.Watching.class,
                watching -> assertThat(watching.waitSeconds()).isEqualTo(60));
    }

    @Test
    void failsAtOnce_whenAnyAlarmIsInAlarm() {
        HealthVerdict verdict = HealthCheck.judge(List.of(FIVE_XX, LATENCY),
                Map.of(FIVE_XX, state(FIVE_XX, "ALARM"), LATENCY, state(LATENCY, "OK")), START, WINDOW, START.plusSeconds(90));

        assertThat(verdict).isInstanceOfSatisfying(HealthVerdict.Alarm.class, alarm -> {
            assertThat(alarm.firing()).containsExactly("app-5xx (Threshold Crossed)");
            assertThat(alarm.why()).isEqualTo("in ALARM 90 s into the health window: app-5xx (Threshold Crossed)");
        });
    }

    @Test
    void passes_whenTheWindowClosesQuiet_andNamesAlarmsThatDoNotExist() {
        HealthVerdict verdict = HealthCheck.judge(List.of(FIVE_XX, LATENCY), Map.of(FIVE_XX, state(FIVE_XX, "OK")),
                START, WINDOW, START.plus(WINDOW));

        assertThat(verdict).isInstanceOfSatisfying(HealthVerdict.Healthy.class, healthy -> assertThat(healthy.why())
                .isEqualTo("app-5xx stayed out of ALARM for 15 min; alarms that do not exist and watch nothing: [app:latency]"));
    }

    @Test
    void keepsColonsInAlarmNames_whenReadingThemFromArns() {
        assertThat(HealthCheck.alarmName(LATENCY)).isEqualTo("app:latency");
    }
}
