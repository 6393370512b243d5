package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMergerTest {

    private final SafeYamlLoader loader = new SafeYamlLoader();
    private final ConfigMerger merger = new ConfigMerger();

    private ConfigNode load(String yaml, String file) {
        return loader.load(yaml, file).root().orElseThrow();
    }

    @Test
    void mergesMapsDeeply_replacesListsAndScalars() {
        ConfigNode base = load("a:\n  b: 1\n  c: [1, 2]\n  d:\n    e: x\n", "base.yaml");
        ConfigNode env = load("a:\n  c: [3]\n  d:\n    f: y\n", "env.yaml");

        ConfigMerger.Merged merged = merger.merge(List.of(base, env));

        assertThat(ConfigValues.plain(merged.root())).isEqualTo(
                Map.of("a", Map.of("b", 1L, "c", List.of(3L), "d", Map.of("e", "x", "f", "y"))));
    }

    @Test
    void removesKey_whenUpperLayerSetsItToNull_andRecordsWhere() {
        ConfigNode base = load("a:\n  b: 1\n  c: 2\n", "base.yaml");
        ConfigNode env = load("a:\n  c: null\n", "env.yaml");

        ConfigMerger.Merged merged = merger.merge(List.of(base, env));

        assertThat(ConfigValues.plain(merged.root())).isEqualTo(Map.of("a", Map.of("b", 1L)));
        assertThat(merged.removals()).containsExactly(new ConfigMerger.Removal("a.c", new Location("env.yaml", 2, 3)));
    }

    @Test
    void keepsEachValuesLocation_inTheLayerThatWroteIt() {
        ConfigNode base = load("a:\n  b: 1\n  c: 2\n", "base.yaml");
        ConfigNode override = load("a:\n  c: 3\n", "overrides/prod.yaml");

        ConfigNode.ConfigMap a = (ConfigNode.ConfigMap) Nodes.at(merger.merge(List.of(base, override)).root(), "a").orElseThrow();

        assertThat(a.get("b").orElseThrow().location().file()).isEqualTo("base.yaml");
        assertThat(a.get("c").orElseThrow().location()).isEqualTo(new Location("overrides/prod.yaml", 2, 6));
    }
}
