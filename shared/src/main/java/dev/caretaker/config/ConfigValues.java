package dev.caretaker.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Located nodes as plain Java values (maps, lists, strings, numbers, booleans, null). */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The value without locations, numbers as written (Long or BigDecimal), for rendering. */
    public static Object plain(ConfigNode node) {
        return switch (node) {
            case ConfigNode.ConfigMap map -> {
                Map<String, Object> values = new LinkedHashMap<>();
                map.members().forEach((key, member) -> values.put(key, plain(member.value())));
                yield values;
            }
            case ConfigNode.ConfigList list -> {
                List<Object> values = new ArrayList<>();
                list.items().forEach(item -> values.add(plain(item)));
                yield values;
            }
            case ConfigNode.ConfigScalar scalar -> scalar.value();
        };
    }

    /** A value to compare by: equal for 1, 1.0 and 1.00, as JSON Schema's equality says. */
    static Object comparable(ConfigNode node) {
        return switch (node) {
            case ConfigNode.ConfigMap map -> {
                Map<String, Object> values = new LinkedHashMap<>();
                map.members().forEach((key, member) -> values.put(key, comparable(member.value())));
                yield values;
            }
            case ConfigNode.ConfigList list -> list.items().stream().map(ConfigValues::comparable).toList();
            case ConfigNode.ConfigScalar scalar -> decimal(scalar.value()) instanceof BigDecimal d
                    ? d.stripTrailingZeros() : scalar.value();
        };
    }

    static Object decimal(Object value) {
        return switch (value) {
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal d -> d;
            case null, default -> value;
        };
    }

    /** How a scalar reads in a message: strings quoted, the rest as written. */
    static String show(Object value) {
        if (value instanceof String s) {
            String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
            return "'" + shown.replace("\n", "\\n") + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toString();
        }
        return String.valueOf(value);
    }
}
