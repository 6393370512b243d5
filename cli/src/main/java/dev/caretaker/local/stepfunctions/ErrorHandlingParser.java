package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a Task state's Retry and Catch lists. */
final class ErrorHandlingParser {

    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "ResultPath", "Next", "Comment");

    private ErrorHandlingParser() {
    }

    static List<Retrier> retriers(Fields state) {
        JsonNode list = entries(state, "Retry");
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields retrier = new Fields(list.get(i), state.at("Retry") + "[" + i + "]", "a Retrier");
            retrier.allowOnly(RETRIER_FIELDS);
            List<String> errors = errorEquals(retrier, i == list.size() - 1);
            Integer interval = retrier.optionalInt("IntervalSeconds", 1);
            Integer attempts = retrier.optionalInt("MaxAttempts", 0);
            Double backoff = retrier.optionalNumber("BackoffRate", 1.0);
            Integer maxDelay = retrier.optionalInt("MaxDelaySeconds", 1);
            String jitter = retrier.optionalString("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                throw new DefinitionProblem(retrier.at("JitterStrategy"), "JitterStrategy is FULL or NONE, not '" + jitter + "'");
            }
            // The defaults are the service's: 1 second, 3 attempts, rate 2.0, no cap, no jitter.
            retriers.add(new Retrier(errors, interval == null ? 1 : interval, attempts == null ? 3 : attempts,
                    backoff == null ? 2.0 : backoff, maxDelay, jitter == null ? Retrier.Jitter.NONE : Retrier.Jitter.valueOf(jitter)));
        }
        return retriers;
    }

    static List<Catcher> catchers(Fields state) {
        JsonNode list = entries(state, "Catch");
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields catcher = new Fields(list.get(i), state.at("Catch") + "[" + i + "]", "a Catcher");
            catcher.allowOnly(CATCHER_FIELDS);
            List<String> errors = errorEquals(catcher, i == list.size() - 1);
            catchers.add(new Catcher(errors, ResultPath.parse(catcher.get("ResultPath"), catcher.at("ResultPath")),
                    catcher.requiredString("Next")));
        }
        return catchers;
    }

    private static JsonNode entries(Fields state, String field) {
        JsonNode list = state.get(field);
        if (list == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!list.isArray()) {
            throw new DefinitionProblem(state.at(field), field + " must be an array");
        }
        return list;
    }

    private static List<String> errorEquals(Fields entry, boolean last) {
        List<String> errors = entry.stringList("ErrorEquals");
        for (String error : errors) {
            if (error.startsWith("States.") && !ErrorNames.PREDEFINED.contains(error)) {
                throw new DefinitionProblem(entry.at("ErrorEquals"), "'" + error
                        + "' is not a predefined error; names starting with States. are reserved");
            }
        }
        if (errors.contains(ErrorNames.ALL) && (errors.size() > 1 || !last)) {
            throw new DefinitionProblem(entry.at("ErrorEquals"), "States.ALL must appear alone, in the last entry:"
                    + " anything after it could never match");
        }
        return errors;
    }
}
