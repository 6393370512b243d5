package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice rule's condition, evaluated against the Choice state's effective input. */
sealed interface Condition {

    boolean test(JsonNode data, JsonNode context) throws StateFailure;

    /** A comparison with an operand written in the definition, e.g. {@code "StringEquals": "UPDATE"}. */
    record Compare(JsonPath variable, Comparison comparison, JsonNode operand) implements Condition {
        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            return comparison.test(valueOf(variable, data, context), operand);
        }
    }

    /** A comparison with an operand taken from the data, e.g. {@code "StringEqualsPath": "$.expected"}. */
    record CompareToPath(JsonPath variable, Comparison comparison, JsonPath operand) implements Condition {
        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            return comparison.test(valueOf(variable, data, context), valueOf(operand, data, context));
        }
    }

    /** IsPresent, IsNull, IsString, IsNumeric, IsBoolean, IsTimestamp. */
    record TypeTest(JsonPath variable, TypeCheck check, boolean expected) implements Condition {

        enum TypeCheck { PRESENT, NULL, STRING, NUMERIC, BOOLEAN, TIMESTAMP }

        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            if (check == TypeCheck.PRESENT) {
                return variable.read(data, context).isPresent() == expected;
            }
            JsonNode value = valueOf(variable, data, context);
            boolean actual = switch (check) {
                case NULL -> value.isNull();
                case STRING -> value.isTextual();
                case NUMERIC -> value.isNumber();
                case BOOLEAN -> value.isBoolean();
                case TIMESTAMP -> value.isTextual() && WaitTime.timestamp(value.asText()) != null;
                case PRESENT -> throw new AssertionError("handled above");
            };
            return actual == expected;
        }
    }

    record And(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            for (Condition condition : conditions) {
                if (!condition.test(data, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            for (Condition condition : conditions) {
                if (condition.test(data, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(JsonNode data, JsonNode context) throws StateFailure {
            return !condition.test(data, context);
        }
    }

    /** A comparison on a missing variable is an error in Step Functions, not a mismatch: IsPresent exists for that. */
    private static JsonNode valueOf(JsonPath path, JsonNode data, JsonNode context) throws StateFailure {
        return path.read(data, context).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + path + "': The choice state's condition path references an invalid value."));
    }
}
