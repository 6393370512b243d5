package dev.caretaker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges configuration layers: mappings merge key by key, all the way down; lists and scalars in
 * the upper layer replace the lower layer's; an explicit {@code null} removes the key. Every node
 * keeps the location it was written at, which is what {@code render --explain} and error messages
 * report as its origin.
 */
public final class ConfigMerger {

    /** The merged tree and the keys an explicit null removed, in the order they were met. */
    public record Merged(ConfigNode root, List<Removal> removals) {
        public Merged {
            removals = List.copyOf(removals);
        }
    }

    /** A key removed by {@code key: null} at {@code location}. */
    public record Removal(String path, Location location) {
    }

    public Merged merge(List<ConfigNode> layers) {
        List<Removal> removals = new ArrayList<>();
        ConfigNode merged = null;
        for (ConfigNode layer : layers) {
            merged = merged == null ? layer : merge(merged, layer, "", removals);
        }
        if (merged == null) {
            throw new IllegalArgumentException("no layers to merge");
        }
        return new Merged(merged, removals);
    }

    private static ConfigNode merge(ConfigNode lower, ConfigNode upper, String path, List<Removal> removals) {
        if (!(lower instanceof ConfigNode.ConfigMap lowerMap) || !(upper instanceof ConfigNode.ConfigMap upperMap)) {
            return upper;
        }
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>(lowerMap.members());
        for (ConfigNode.Member member : upperMap.members().values()) {
            String memberPath = ConfigSchema.child(path, member.key());
            ConfigNode.Member existing = members.get(member.key());
            if (member.value() instanceof ConfigNode.ConfigScalar scalar && scalar.isNull()) {
                if (existing != null) {
                    members.remove(member.key());
                    removals.add(new Removal(memberPath, member.keyLocation()));
                }
                continue;
            }
            ConfigNode value = existing == null ? member.value() : merge(existing.value(), member.value(), memberPath, removals);
            members.put(member.key(), new ConfigNode.Member(member.key(), member.keyLocation(), value));
        }
        return new ConfigNode.ConfigMap(lowerMap.location(), members);
    }
}
