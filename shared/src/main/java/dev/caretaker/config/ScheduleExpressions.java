package dev.caretaker.config;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks schedule expressions the way EventBridge Scheduler does before it accepts them:
 * {@code rate(value unit)}, {@code cron(minutes hours day-of-month month day-of-week year)} and
 * {@code at(yyyy-mm-ddThh:mm:ss)}. Answers what is wrong, or nothing when the expression is valid.
 */
public final class ScheduleExpressions {

    private static final Pattern RATE = Pattern.compile("rate\\((\\S+) (\\S+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private enum Field {
        MINUTES("minutes", 0, 59, List.of()),
        HOURS("hours", 0, 23, List.of()),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
        MONTH("month", 1, 12, MONTHS),
        DAY_OF_WEEK("day-of-week", 1, 7, DAYS),
        YEAR("year", 1970, 2199, List.of());

        final String label;
        final int min;
        final int max;
        final List<String> names;

        Field(String label, int min, int max, List<String> names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }
    }

    private ScheduleExpressions() {
    }

    /** What EventBridge Scheduler would object to in {@code expression}, if anything. */
    public static Optional<String> problem(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            return rateProblem(rate.group(1), rate.group(2));
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return cronProblem(cron.group(1));
        }
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            try {
                LocalDateTime.parse(at.group(1));
                return Optional.empty();
            } catch (DateTimeParseException e) {
                return Optional.of("at(...) needs a date and time yyyy-mm-ddThh:mm:ss");
            }
        }
        return Optional.of("expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)");
    }

    private static Optional<String> rateProblem(String value, String unit) {
        if (!NUMBER.matcher(value).matches() || Integer.parseInt(value) == 0) {
            return Optional.of("rate value '" + value + "' is not a positive whole number");
        }
        int amount = Integer.parseInt(value);
        Map<String, String> plurals = Map.of("minute", "minutes", "hour", "hours", "day", "days");
        String singular = plurals.containsKey(unit) ? unit
                : plurals.entrySet().stream().filter(e -> e.getValue().equals(unit)).map(Map.Entry::getKey).findFirst().orElse(null);
        if (singular == null) {
            return Optional.of("rate unit '" + unit + "' is not minute(s), hour(s) or day(s)");
        }
        String expected = amount == 1 ? singular : plurals.get(singular);
        return unit.equals(expected) ? Optional.empty()
                : Optional.of("rate(" + value + " " + unit + ") must be written rate(" + value + " " + expected + ")");
    }

    private static Optional<String> cronProblem(String body) {
        String[] fields = body.strip().split("\\s+");
        if (fields.length != 6) {
            return Optional.of("cron needs 6 fields (minutes hours day-of-month month day-of-week year), found " + fields.length);
        }
        for (Field field : Field.values()) {
            Optional<String> problem = fieldProblem(field, fields[field.ordinal()]);
            if (problem.isPresent()) {
                return problem;
            }
        }
        boolean domAny = fields[Field.DAY_OF_MONTH.ordinal()].equals("?");
        boolean dowAny = fields[Field.DAY_OF_WEEK.ordinal()].equals("?");
        if (domAny == dowAny) {
            return Optional.of("exactly one of day-of-month (" + fields[2] + ") and day-of-week (" + fields[4]
                    + ") must be '?'");
        }
        return Optional.empty();
    }

    private static Optional<String> fieldProblem(Field field, String text) {
        if (text.equals("?")) {
            return field == Field.DAY_OF_MONTH || field == Field.DAY_OF_WEEK ? Optional.empty()
                    : Optional.of("'?' is only allowed in day-of-month and day-of-week, not in " + field.label);
        }
        for (String part : text.split(",", -1)) {
            Optional<String> problem = partProblem(field, part);
            if (problem.isPresent()) {
                return problem.map(p -> field.label + " field '" + text + "': " + p);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> partProblem(Field field, String part) {
        if (part.isEmpty()) {
            return Optional.of("empty list item");
        }
        if (field == Field.DAY_OF_MONTH) {
            if (part.equals("L") || part.equals("LW")) {
                return Optional.empty();
            }
            if (part.endsWith("W")) {
                return value(field, part.substring(0, part.length() - 1)).map(p -> p + " (before W)");
            }
        }
        if (field == Field.DAY_OF_WEEK) {
            if (part.equals("L")) {
                return Optional.empty();
            }
            if (part.endsWith("L")) {
                return value(field, part.substring(0, part.length() - 1));
            }
            int hash = part.indexOf('#');
            if (hash >= 0) {
                String nth = part.substring(hash + 1);
                if (!nth.matches("[1-5]")) {
                    return Optional.of("'#" + nth + "' must be #1 to #5");
                }
                return value(field, part.substring(0, hash));
            }
        }
        String base = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            base = part.substring(0, slash);
            String step = part.substring(slash + 1);
            if (!NUMBER.matcher(step).matches() || Integer.parseInt(step) == 0) {
                return Optional.of("step '" + step + "' is not a positive whole number");
            }
            if (Integer.parseInt(step) > field.max) {
                return Optional.of("step " + step + " is larger than " + field.max);
            }
        }
        if (base.equals("*")) {
            return Optional.empty();
        }
        int dash = base.indexOf('-', 1);
        if (dash > 0) {
            Optional<String> from = value(field, base.substring(0, dash));
            return from.isPresent() ? from : value(field, base.substring(dash + 1));
        }
        return value(field, base);
    }

    private static Optional<String> value(Field field, String text) {
        if (field.names.contains(text)) {
            return Optional.empty();
        }
        if (!NUMBER.matcher(text).matches()) {
            return Optional.of("'" + text + "' is not a " + field.label + " value" + (field.names.isEmpty() ? ""
                    : " (" + field.min + "-" + field.max + " or " + field.names.getFirst() + "-" + field.names.getLast() + ")"));
        }
        int number = Integer.parseInt(text);
        return number < field.min || number > field.max
                ? Optional.of(number + " is out of range " + field.min + "-" + field.max)
                : Optional.empty();
    }
}
