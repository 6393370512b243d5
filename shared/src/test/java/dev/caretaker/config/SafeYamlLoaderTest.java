package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeYamlLoaderTest {

    private final SafeYamlLoader loader = new SafeYamlLoader();

    @Test
    void keepsYaml11Pitfalls_asTheTextWritten() {
        ConfigNode root = loader.load("""
                start: 22:00
                account: 012345678901
                mode: 0755
                country: NO
                enabled: on
                date: 2026-12-20
                """, "f.yaml").root().orElseThrow();

        assertThat(ConfigValues.plain(root)).isEqualTo(Map.of("start", "22:00", "account", "012345678901", "mode", "0755",
                "country", "NO", "enabled", "on", "date", "2026-12-20"));
    }

    @Test
    void readsPlainScalars_asYaml12CoreTypes() {
        ConfigNode root = loader.load("a: 42\nb: -1.5\nc: true\nd: ~\ne: \"42\"\nf: 1e3\n", "f.yaml").root().orElseThrow();

        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ConfigValues.plain(root);
        assertThat(values.get("a")).isEqualTo(42L);
        assertThat(values.get("b")).isEqualTo(new BigDecimal("-1.5"));
        assertThat(values.get("c")).isEqualTo(true);
        assertThat(values).containsEntry("d", null);
        assertThat(values.get("e")).isEqualTo("42");
        assertThat(values.get("f")).isEqualTo(new BigDecimal("1e3"));
    }

    @Test
    void remembersLineAndColumn_ofKeysAndValues() {
        ConfigNode.ConfigMap root = (ConfigNode.ConfigMap) loader.load("# comment\ncustomer:\n  region: eu-west-1\n", "dir/base.yaml")
                .root().orElseThrow();

        ConfigNode.ConfigMap customer = (ConfigNode.ConfigMap) root.get("customer").orElseThrow();
        ConfigNode.Member region = customer.members().get("region");
        assertThat(region.keyLocation()).isEqualTo(new Location("dir/base.yaml", 3, 3));
        assertThat(region.value().location()).isEqualTo(new Location("dir/base.yaml", 3, 11));
    }

    @Test
    void refusesBillionLaughs_beforeExpandingIt() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String previous = String.valueOf((char) (c - 1));
            yaml.append(c).append(": &").append(c).append(" [").append(("*" + previous + ", ").repeat(9)).append("*").append(previous).append("]\n");
        }

        LoadedDocument document = loader.load(yaml.toString(), "laughs.yaml");

        assertThat(document.readable()).isFalse();
        assertThat(document.problems()).singleElement().asString().contains("billion laughs");
    }

    @Test
    void refusesAliasThatContainsItself() {
        LoadedDocument document = loader.load("a: &a\n  b: *a\n", "loop.yaml");

        assertThat(document.readable()).isFalse();
        assertThat(document.problems()).singleElement().asString().contains("an alias refers to a value that contains it");
    }

    @Test
    void refusesDocumentOverTheSizeLimit_withoutParsingIt() {
        String huge = "a: \"" + "x".repeat(SafeYamlLoader.MAX_CODE_POINTS) + "\"\n";

        LoadedDocument document = loader.load(huge, "huge.yaml");

        assertThat(document.problems()).singleElement().asString().startsWith("huge.yaml:1:1: (document): document too large");
    }

    @Test
    void refusesSecondDocumentInTheStream() {
        LoadedDocument document = loader.load("a: 1\n---\nb: 2\n", "two.yaml");

        assertThat(document.readable()).isFalse();
        assertThat(document.problems()).singleElement().asString().startsWith("two.yaml:");
    }

    @Test
    void reportsEveryDuplicateKey_andKeepsTheFirst() {
        LoadedDocument document = loader.load("a: 1\nb: 2\na: 3\nb: 4\n", "dup.yaml");

        assertThat(document.problems()).extracting(ConfigProblem::toString).containsExactly(
                "dup.yaml:3:1: a: duplicate key; first written at line 1",
                "dup.yaml:4:1: b: duplicate key; first written at line 2");
        assertThat(ConfigValues.plain(document.root().orElseThrow())).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void treatsEmptyDocument_asEmptyMapping() {
        LoadedDocument document = loader.load("# only a comment\n", "empty.yaml");

        assertThat(document.problems()).isEmpty();
        assertThat(ConfigValues.plain(document.root().orElseThrow())).isEqualTo(Map.of());
    }
}
