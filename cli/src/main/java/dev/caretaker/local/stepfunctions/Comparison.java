package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Choice comparison operators the interpreter supports. A value of the wrong type never
 * matches (it is not an error), as in Step Functions.
 */
enum Comparison {
    STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQ),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LT),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GT),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LTE),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GTE),
    STRING_MATCHES("StringMatches", Kind.PATTERN, Relation.EQ),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, Relation.EQ),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Relation.LT),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Relation.GT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Relation.LTE),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, Relation.GTE),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQ),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GT),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LTE),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GTE);

    enum Kind { STRING, PATTERN, NUMERIC, BOOLEAN, TIMESTAMP }

    private enum Relation { EQ, LT, GT, LTE, GTE }

    private final String aslName;
    private final Kind kind;
    private final Relation relation;

    Comparison(String aslName, Kind kind, Relation relation) {
        this.aslName = aslName;
        this.kind = kind;
        this.relation = relation;
    }

    String aslName() {
        return aslName;
    }

    Kind kind() {
        return kind;
    }

    /** StringMatches has no Path form: its operand is a pattern, written in the definition. */
    boolean hasPathForm() {
        return kind != Kind.PATTERN;
    }

    static Optional<Comparison> named(String aslName) {
        return Arrays.stream(values()).filter(c -> c.aslName.equals(aslName)).findFirst();
    }

    /** Whether the definition's literal operand has the type this operator compares. */
    boolean acceptsOperand(JsonNode operand) {
        return switch (kind) {
            case STRING, PATTERN -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && WaitTime.timestamp(operand.asText()) != null;
        };
    }

    boolean test(JsonNode value, JsonNode operand) {
        return switch (kind) {
            case STRING -> value.isTextual() && operand.isTextual() && holds(value.asText().compareTo(operand.asText()));
            case PATTERN -> value.isTextual() && matchesPattern(value.asText(), operand.asText());
            case NUMERIC -> value.isNumber() && operand.isNumber() && holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> {
                Instant left = value.isTextual() ? WaitTime.timestamp(value.asText()) : null;
                Instant right = operand.isTextual() ? WaitTime.timestamp(operand.asText()) : null;
                yield left != null && right != null && holds(left.compareTo(right));
            }
        };
    }

    private boolean holds(int order) {
        return switch (relation) {
            case EQ -> order == 0;
            case LT -> order < 0;
            case GT -> order > 0;
            case LTE -> order <= 0;
            case GTE -> order >= 0;
        };
    }

    /** ASL patterns: {@code *} matches any run of characters, {@code \*} and {@code \\} are literal. */
    static boolean matchesPattern(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return value.matches("(?s)" + regex);
    }
}
