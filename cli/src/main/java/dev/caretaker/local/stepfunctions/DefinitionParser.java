package dev.caretaker.local.stepfunctions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition text into states and checks the whole graph: every Next leads to a state,
 * every state can be reached from StartAt. Problems are {@link DefinitionProblem}s.
 */
final class DefinitionParser {

    private static final Set<String> ROOT_FIELDS = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version");

    record Parsed(String comment, String startAt, Map<String, State> states, Duration timeout) {
    }

    private DefinitionParser() {
    }

    static Parsed parse(String json) {
        Fields root = new Fields(read(json), "", "the definition");
        root.allowOnly(ROOT_FIELDS);
        if (root.has("Version") && !"1.0".equals(root.get("Version").asText())) {
            throw new DefinitionProblem("Version", "only ASL version 1.0 exists");
        }
        String startAt = root.requiredString("StartAt");
        JsonNode statesNode = root.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new DefinitionProblem("States", "the definition needs a non-empty States object");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            if (entry.getKey().length() > 80) {
                throw new DefinitionProblem("States." + entry.getKey(), "state names are at most 80 characters");
            }
            states.put(entry.getKey(), StateParser.parse(entry.getKey(), entry.getValue()));
        }
        checkGraph(startAt, states);
        Integer timeoutSeconds = root.optionalInt("TimeoutSeconds", 1);
        return new Parsed(root.optionalString("Comment"), startAt, states,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
    }

    private static JsonNode read(String json) {
        try {
            // Duplicate state names would otherwise silently keep the last one.
            return Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DefinitionProblem(at == null ? "(text)" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void checkGraph(String startAt, Map<String, State> states) {
        if (!states.containsKey(startAt)) {
            throw new DefinitionProblem("StartAt", "'" + startAt + "' is not a state; states are " + states.keySet());
        }
        for (State state : states.values()) {
            for (String next : state.successors()) {
                if (!states.containsKey(next)) {
                    throw new DefinitionProblem("States." + state.name(), "leads to '" + next
                            + "', which is not a state; states are " + states.keySet());
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(startAt);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                pending.addAll(states.get(name).successors());
            }
        }
        for (String name : states.keySet()) {
            if (!reached.contains(name)) {
                throw new DefinitionProblem("States." + name, "unreachable: no Next, Default, Choice rule or Catch leads"
                        + " to it from StartAt '" + startAt + "'");
            }
        }
    }
}
