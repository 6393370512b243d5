package dev.caretaker.local.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded fields of one query-protocol request, read the way the protocol flattens them:
 * lists as {@code Name.member.N}, structures in lists as {@code Name.member.N.Field}.
 */
record QueryRequest(Map<String, String> fields) {

    QueryRequest {
        fields = Map.copyOf(fields);
    }

    Optional<String> optional(String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A required field, refused as AWS refuses a missing member. */
    String required(String name) {
        return optional(name).orElseThrow(() -> SandboxError.validation("1 validation error detected: Value null at '"
                + name + "' failed to satisfy constraint: Member must not be null"));
    }

    /** {@code name.member.1}, {@code name.member.2}, ... in order. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; fields.containsKey(name + ".member." + i); i++) {
            values.add(fields.get(name + ".member." + i));
        }
        return values;
    }

    /** The structures of a list, each as its fields without the {@code name.member.N.} prefix. */
    List<Map<String, String>> structures(String name) {
        List<Map<String, String>> structures = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            Map<String, String> structure = new LinkedHashMap<>();
            fields.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    structure.put(key.substring(prefix.length()), value);
                }
            });
            if (structure.isEmpty()) {
                return structures;
            }
            structures.add(structure);
        }
    }

    boolean hasAny(String prefix) {
        return fields.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    int integer(String name, int fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw SandboxError.validation("'" + value.get() + "' at '" + name + "' is not an integer");
        }
    }
}
