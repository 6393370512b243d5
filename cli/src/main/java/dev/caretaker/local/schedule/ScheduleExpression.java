package dev.caretaker.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An EventBridge Scheduler expression: {@code rate(N unit)} or {@code cron(min hour dom month dow year)}. */
public sealed interface ScheduleExpression {

    /**
     * The first fire time strictly after {@code after}; empty if there is none (a cron whose years
     * have all passed). {@code start} is when the schedule began, which rates count from.
     */
    Optional<Instant> nextAfter(Instant after, Instant start, ZoneId zone);

    /**
     * @throws UnsupportedScheduleExpressionException naming what is wrong or not supported
     */
    static ScheduleExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String text = expression.strip();
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return Rate.parse(text.substring(5, text.length() - 1), expression);
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return new Cron(CronExpression.parse(text.substring(5, text.length() - 1), expression));
        }
        if (text.startsWith("at(")) {
            throw new UnsupportedScheduleExpressionException(expression + ": one-time at() schedules are not supported locally");
        }
        throw new UnsupportedScheduleExpressionException(expression + ": a schedule expression is rate(N unit) or"
                + " cron(minutes hours day-of-month month day-of-week year)");
    }

    /** Every {@code period}, counted from the schedule's start; the first fire is one period in. */
    record Rate(Duration period, String text) implements ScheduleExpression {

        private static final Pattern RATE = Pattern.compile("\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*");

        public Rate {
            if (period.isNegative() || period.isZero()) {
                throw new UnsupportedScheduleExpressionException(text + ": a rate is a positive whole number of minutes, hours or days");
            }
        }

        static Rate parse(String body, String expression) {
            Matcher matcher = RATE.matcher(body);
            if (!matcher.matches()) {
                throw new UnsupportedScheduleExpressionException(expression + ": a rate is rate(N minutes|hours|days),"
                        + " e.g. rate(5 minutes) or rate(1 hour)");
            }
            long value = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2);
            // EventBridge's own rule: singular for 1, plural otherwise.
            if ((value == 1) != !unit.endsWith("s")) {
                throw new UnsupportedScheduleExpressionException(expression + ": EventBridge wants the unit singular for 1 and"
                        + " plural otherwise, e.g. rate(1 hour), rate(2 hours)");
            }
            Duration period = switch (unit.replaceFirst("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(period, expression);
        }

        @Override
        public Optional<Instant> nextAfter(Instant after, Instant start, ZoneId zone) {
            long periods = after.isBefore(start) ? 1 : Duration.between(start, after).dividedBy(period) + 1;
            return Optional.of(start.plus(period.multipliedBy(periods)));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Fires at the minutes a cron expression lists, in the schedule's time zone. */
    record Cron(CronExpression cron) implements ScheduleExpression {

        @Override
        public Optional<Instant> nextAfter(Instant after, Instant start, ZoneId zone) {
            return cron.nextAfter(after, zone);
        }

        @Override
        public String toString() {
            return cron.toString();
        }
    }
}
