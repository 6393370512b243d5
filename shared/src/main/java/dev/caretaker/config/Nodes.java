package dev.caretaker.config;

import java.util.List;
import java.util.Optional;

/**
 * Navigation over located nodes that tolerates any shape: semantic rules run on documents the
 * schema may have found wrong, so every step answers "absent" rather than failing on a surprise.
 */
final class Nodes {

    private Nodes() {
    }

    static Optional<ConfigNode> at(ConfigNode node, String... keys) {
        Optional<ConfigNode> current = Optional.of(node);
        for (String key : keys) {
            current = current.flatMap(Nodes::map).flatMap(map -> map.get(key));
        }
        return current;
    }

    static Optional<ConfigNode.ConfigMap> map(ConfigNode node) {
        return node instanceof ConfigNode.ConfigMap map ? Optional.of(map) : Optional.empty();
    }

    static List<ConfigNode> items(Optional<ConfigNode> node) {
        return node.filter(ConfigNode.ConfigList.class::isInstance)
                .map(list -> ((ConfigNode.ConfigList) list).items())
                .orElse(List.of());
    }

    static Optional<String> text(Optional<ConfigNode> node) {
        return node.filter(ConfigNode.ConfigScalar.class::isInstance)
                .map(scalar -> ((ConfigNode.ConfigScalar) scalar).value())
                .filter(String.class::isInstance)
                .map(String.class::cast);
    }

    static Optional<ConfigNode.ConfigScalar> scalar(Optional<ConfigNode> node) {
        return node.filter(ConfigNode.ConfigScalar.class::isInstance).map(ConfigNode.ConfigScalar.class::cast);
    }
}
