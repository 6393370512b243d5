package dev.caretaker.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration value as written, with the place it was written: a mapping, a list or a scalar.
 * Values stay tied to their file, line and column through merging, so an error in an effective
 * document still points at the layer that introduced the value.
 */
public sealed interface ConfigNode {

    Location location();

    /** A mapping with string keys, in document order; each member knows where its key was written. */
    record ConfigMap(Location location, Map<String, Member> members) implements ConfigNode {
        public ConfigMap {
            Objects.requireNonNull(location, "location");
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<ConfigNode> get(String key) {
            Member member = members.get(key);
            return member == null ? Optional.empty() : Optional.of(member.value());
        }
    }

    /** One key of a mapping and its value. */
    record Member(String key, Location keyLocation, ConfigNode value) {
    }

    record ConfigList(Location location, List<ConfigNode> items) implements ConfigNode {
        public ConfigList {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }
    }

    /**
     * A plain value: a {@link String}, a {@link Long}, a {@link java.math.BigDecimal}, a {@link Boolean},
     * or {@code null} (written as {@code null}, {@code ~} or nothing).
     */
    record ConfigScalar(Location location, Object value) implements ConfigNode {
        public ConfigScalar {
            Objects.requireNonNull(location, "location");
        }

        public boolean isNull() {
            return value == null;
        }
    }

    /** The JSON Schema type name of a node, as used in messages. */
    static String typeName(ConfigNode node) {
        return switch (node) {
            case ConfigMap map -> "object";
            case ConfigList list -> "array";
            case ConfigScalar scalar -> switch (scalar.value()) {
                case null -> "null";
                case String s -> "string";
                case Long l -> "integer";
                case Boolean b -> "boolean";
                default -> "number";
            };
        };
    }
}
