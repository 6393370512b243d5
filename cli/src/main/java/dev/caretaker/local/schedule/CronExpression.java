package dev.caretaker.local.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cron expression as EventBridge defines it: six fields, minutes hours day-of-month month
 * day-of-week year, with {@code *}, {@code ,}, {@code -}, {@code /} and {@code ?}; months as 1-12 or
 * JAN-DEC, days of the week as 1-7 or SUN-SAT (1 is Sunday); exactly one of day-of-month and
 * day-of-week is {@code ?}. {@code L}, {@code W} and {@code #} are refused: they are valid in AWS,
 * but not implemented here.
 */
public final class CronExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 2199;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean byDayOfMonth;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                           BitSet years, boolean byDayOfMonth) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.years = years;
        this.byDayOfMonth = byDayOfMonth;
    }

    /**
     * @param fields the six fields, e.g. {@code 0 3 * * ? *}
     * @param expression the whole expression, for error messages
     */
    public static CronExpression parse(String fields, String expression) {
        String[] parts = fields.strip().split("\\s+");
        if (parts.length != 6) {
            throw new UnsupportedScheduleExpressionException(expression + ": EventBridge cron has six fields (minutes hours"
                    + " day-of-month month day-of-week year), found " + parts.length);
        }
        boolean anyDayOfMonth = parts[2].equals("?");
        boolean anyDayOfWeek = parts[4].equals("?");
        if (anyDayOfMonth == anyDayOfWeek) {
            throw new UnsupportedScheduleExpressionException(expression + ": exactly one of day-of-month and day-of-week must be ?");
        }
        return new CronExpression("cron(" + String.join(" ", parts) + ")",
                field(parts[0], "minutes", 0, 59, List.of(), expression),
                field(parts[1], "hours", 0, 23, List.of(), expression),
                anyDayOfMonth ? null : field(parts[2], "day-of-month", 1, 31, List.of(), expression),
                field(parts[3], "month", 1, 12, MONTHS, expression),
                anyDayOfWeek ? null : field(parts[4], "day-of-week", 1, 7, DAYS, expression),
                field(parts[5], "year", FIRST_YEAR, LAST_YEAR, List.of(), expression),
                !anyDayOfMonth);
    }

    /** The first minute strictly after {@code after} that the expression lists, in {@code zone}. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        ZonedDateTime time = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (time.getYear() <= LAST_YEAR) {
            if (!years.get(time.getYear())) {
                int year = years.nextSetBit(time.getYear() + 1);
                if (year < 0) {
                    return Optional.empty();
                }
                time = ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, zone);
            } else if (!months.get(time.getMonthValue())) {
                time = time.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
            } else if (!dayMatches(time)) {
                time = time.toLocalDate().plusDays(1).atStartOfDay(zone);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return Optional.of(time.toInstant());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean dayMatches(ZonedDateTime time) {
        if (byDayOfMonth) {
            return daysOfMonth.get(time.getDayOfMonth());
        }
        // EventBridge counts Sunday as 1; java.time counts Monday as 1.
        int day = time.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : time.getDayOfWeek().getValue() + 1;
        return daysOfWeek.get(day);
    }

    private static BitSet field(String field, String name, int min, int max, List<String> names, String expression) {
        String where = expression + ": " + name + " '" + field + "'";
        if (field.equals("?")) {
            throw new UnsupportedScheduleExpressionException(where + ": ? is for day-of-month or day-of-week only");
        }
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), where);
                if (step < 1) {
                    throw new UnsupportedScheduleExpressionException(where + ": a step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new UnsupportedScheduleExpressionException(where + ": a range is FROM-TO");
                }
                from = value(ends[0], min, max, names, where);
                to = value(ends[1], min, max, names, where);
                if (from > to) {
                    throw new UnsupportedScheduleExpressionException(where + ": ranges that wrap around (" + range
                            + ") are not supported by the local scheduler");
                }
            } else {
                from = value(range, min, max, names, where);
                // "5/15" means from 5 to the end in steps of 15.
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int value(String text, int min, int max, List<String> names, String where) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index < 0 && text.matches(".*[LW#].*")) {
            throw new UnsupportedScheduleExpressionException(where + ": L, W and # are not supported by the local scheduler");
        }
        int value = index >= 0 ? min + index : number(text, where);
        if (value < min || value > max) {
            throw new UnsupportedScheduleExpressionException(where + ": " + text + " is outside " + min + "-" + max);
        }
        return value;
    }

    private static int number(String text, String where) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UnsupportedScheduleExpressionException(where + ": '" + text + "' is not a number");
        }
    }
}
