package dev.caretaker.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void firesDailyAtThree_whenTheTemplatesDriftCronIsUsed() {
        ScheduleExpression drift = ScheduleExpression.parse("cron(0 3 * * ? *)");

        assertThat(times(drift, Instant.parse("2026-11-21T02:59:59Z"), 3)).containsExactly(
                Instant.parse("2026-11-21T03:00:00Z"), Instant.parse("2026-11-22T03:00:00Z"), Instant.parse("2026-11-23T03:00:00Z"));
        assertThat(drift.nextAfter(Instant.parse("2026-11-21T03:00:00Z"), START, UTC)).contains(Instant.parse("2026-11-22T03:00:00Z"));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(*/15 9-17 ? * MON-FRI *)   | 2026-11-20T17:50:00Z | 2026-11-23T09:00:00Z
            cron(*/15 9-17 ? * MON-FRI *)   | 2026-11-23T09:00:00Z | 2026-11-23T09:15:00Z
            cron(0 0 ? * 1 *)               | 2026-11-20T10:00:00Z | 2026-11-22T00:00:00Z
            cron(0 0 ? * SUN,SAT *)         | 2026-11-20T10:00:00Z | 2026-11-21T00:00:00Z
            cron(30 12 1,15 JAN,JUL ? 2027) | 2026-11-20T10:00:00Z | 2027-01-01T12:30:00Z
            cron(30 12 1,15 JAN,JUL ? 2027) | 2027-01-01T12:30:00Z | 2027-01-15T12:30:00Z
            cron(5/20 * * * ? *)            | 2026-11-20T10:46:00Z | 2026-11-20T11:05:00Z
            cron(0 0 29 2 ? *)              | 2026-11-20T10:00:00Z | 2028-02-29T00:00:00Z
            cron(0 0 31 * ? *)              | 2026-11-20T10:00:00Z | 2026-12-31T00:00:00Z
            """)
    void findsTheNextMinuteTheCronLists(String expression, String after, String expected) {
        assertThat(ScheduleExpression.parse(expression).nextAfter(Instant.parse(after), START, UTC)).contains(Instant.parse(expected));
    }

    @Test
    void findsNothing_whenEveryYearListedHasPassed() {
        assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2000)").nextAfter(START, START, UTC)).isEmpty();
        assertThat(ScheduleExpression.parse("cron(0 8 ? * MON-FRI 2026-2027)").nextAfter(Instant.parse("2027-12-31T09:00:00Z"), START, UTC))
                .as("2027-12-31 is the last weekday of 2027").isEmpty();
    }

    @Test
    void firesInTheSchedulesTimeZone_whenOneIsGiven() {
        ScheduleExpression threeInParis = ScheduleExpression.parse("cron(0 3 * * ? *)");

        assertThat(threeInParis.nextAfter(START, START, ZoneId.of("Europe/Paris"))).contains(Instant.parse("2026-11-21T02:00:00Z"));
        assertThat(threeInParis.nextAfter(Instant.parse("2026-07-01T00:00:00Z"), START, ZoneId.of("Europe/Paris")))
                .contains(Instant.parse("2026-07-01T01:00:00Z"));
    }

    @Test
    void countsFromTheStart_whenARateIsUsed() {
        ScheduleExpression everyFive = ScheduleExpression.parse("rate(5 minutes)");

        assertThat(everyFive.nextAfter(START, START, UTC)).contains(START.plus(Duration.ofMinutes(5)));
        assertThat(everyFive.nextAfter(Instant.parse("2026-11-20T10:07:00Z"), START, UTC)).contains(Instant.parse("2026-11-20T10:10:00Z"));
        assertThat(everyFive.nextAfter(Instant.parse("2026-11-20T10:10:00Z"), START, UTC)).contains(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(ScheduleExpression.parse("rate(1 day)").nextAfter(START, START, UTC)).contains(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(ScheduleExpression.parse("rate(2 hours)").nextAfter(START, START, UTC)).contains(Instant.parse("2026-11-20T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 3 L * ? *)         | L, W and # are not supported by the local scheduler
            cron(0 3 15W * ? *)       | L, W and # are not supported by the local scheduler
            cron(0 3 ? * 6#3 *)       | L, W and # are not supported by the local scheduler
            cron(0 3 ? * 5L *)        | L, W and # are not supported by the local scheduler
            cron(0 3 * * * *)         | exactly one of day-of-month and day-of-week must be ?
            cron(0 3 ? * ? *)         | exactly one of day-of-month and day-of-week must be ?
            cron(0 3 * * ?)           | EventBridge cron has six fields
            cron(60 3 * * ? *)        | 60 is outside 0-59
            cron(0 3 * 13 ? *)        | 13 is outside 1-12
            cron(0 3 ? * FRI-MON *)   | ranges that wrap around (FRI-MON) are not supported
            cron(0 ? * * ? *)         | ? is for day-of-month or day-of-week only
            cron(x 3 * * ? *)         | 'x' is not a number
            at(2026-11-21T03:00:00)   | one-time at() schedules are not supported locally
            rate(1 hours)             | singular for 1 and plural otherwise
            rate(5 minute)            | singular for 1 and plural otherwise
            rate(0 minutes)           | a rate is a positive whole number
            rate(5 weeks)             | a rate is rate(N minutes|hours|days)
            every day                 | a schedule expression is rate(N unit) or cron(
            """)
    void failsLoudly_whenTheExpressionIsInvalidOrUnsupported(String expression, String message) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(UnsupportedScheduleExpressionException.class)
                .hasMessageStartingWith(expression + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void acceptsNamesAndJulyWithoutMistakingThemForLOrW() {
        assertThat(ScheduleExpression.parse("cron(0 3 ? JUL-AUG MON-WED *)").nextAfter(START, START, UTC))
                .contains(Instant.parse("2027-07-05T03:00:00Z"));
    }

    private static List<Instant> times(ScheduleExpression expression, Instant after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant at = after;
        for (int i = 0; i < count; i++) {
            at = expression.nextAfter(at, START, UTC).orElseThrow();
            times.add(at);
        }
        return times;
    }
}
