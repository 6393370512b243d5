package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 3 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "cron(0 18 ? * 6L 2027-2029)", "cron(30 2 L * ? *)",
            "cron(0 9 ? * 2#1 *)", "cron(0 8 15W * ? *)", "cron(0,30 8-17 ? JAN-MAR,DEC SUN,SAT *)",
            "rate(1 minute)", "rate(5 minutes)", "rate(1 day)", "rate(12 hours)", "at(2027-01-01T09:00:00)"})
    void acceptsWhatEventBridgeSchedulerAccepts(String expression) {
        assertThat(ScheduleExpressions.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * * *)|exactly one of day-of-month (*) and day-of-week (*) must be '?'",
            "cron(0 3 ? * ? *)|exactly one of day-of-month (?) and day-of-week (?) must be '?'",
            "cron(0 3 * * ?)|cron needs 6 fields (minutes hours day-of-month month day-of-week year), found 5",
            "cron(0 24 * * ? *)|hours field '24': 24 is out of range 0-23",
            "cron(0 3 32 * ? *)|day-of-month field '32': 32 is out of range 1-31",
            "cron(0 3 ? * 8 *)|day-of-week field '8': 8 is out of range 1-7",
            "cron(0 3 ? * MON#6 *)|day-of-week field 'MON#6': '#6' must be #1 to #5",
            "cron(0 3 ? FOO * *)|month field 'FOO': 'FOO' is not a month value (1-12 or JAN-DEC)",
            "cron(? 3 * * ? *)|'?' is only allowed in day-of-month and day-of-week, not in minutes",
            "cron(0/0 3 * * ? *)|minutes field '0/0': step '0' is not a positive whole number",
            "cron(0 3 * * ? 1969)|year field '1969': 1969 is out of range 1970-2199",
            "cron(0 3 1, * ? *)|day-of-month field '1,': empty list item",
            "rate(0 minutes)|rate value '0' is not a positive whole number",
            "rate(5 minute)|rate(5 minute) must be written rate(5 minutes)",
            "rate(1 week)|rate unit 'week' is not minute(s), hour(s) or day(s)",
            "at(2027-13-01T09:00:00)|at(...) needs a date and time yyyy-mm-ddThh:mm:ss",
            "0 3 * * *|expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)"})
    void saysWhatIsWrong_whenEventBridgeSchedulerWouldReject(String expression, String problem) {
        assertThat(ScheduleExpressions.problem(expression)).contains(problem);
    }
}
