package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever bytes arrive, loading and validating answer with a {@link Validation}: no exception
 * escapes, every problem has a real position, and a document found valid can be typed, rendered,
 * explained and migrated. In the normal build this replays the seed corpus in
 * {@code ConfigFuzzTestInputs/} (the examples, the invalid corpus and the crashes found so far);
 * {@code JAZZER_FUZZ=1 ./mvnw -pl shared test -Dtest=ConfigFuzzTest} fuzzes for real.
 *
 * <p>An input holding the line {@code ---8<---} is split there into layers (base, environment,
 * override), so merging and the cross-layer rules are fuzzed too.
 */
class ConfigFuzzTest {

    private static final String LAYER_BREAK = "\n---8<---\n";

    private final SafeYamlLoader loader = new SafeYamlLoader();
    private final ConfigValidator validator = new ConfigValidator();
    private final Migrations migrations = Migrations.all();

    @FuzzTest(maxDuration = "30s")
    void answersEveryInputWithAValidation(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<LoadedDocument> layers = new ArrayList<>();
        String[] parts = text.split(LAYER_BREAK, 3);
        for (int i = 0; i < parts.length; i++) {
            layers.add(loader.load(parts[i], "layer" + i + ".yaml"));
        }

        Validation validation = validator.validateLayers(layers);

        for (ConfigProblem problem : validation.problems()) {
            assertThat(problem.location().line()).isPositive();
            assertThat(problem.location().column()).isPositive();
            assertThat(problem.toString()).doesNotContain("\n");
        }
        if (validation.valid()) {
            assertThat(validation.config()).isNotNull();
            ConfigNode effective = validation.effective().orElseThrow();
            assertThat(EffectiveDocument.yaml(effective)).isNotNull();
            assertThat(EffectiveDocument.json(effective)).isNotNull();
            assertThat(EffectiveDocument.explain(effective)).isNotNull();
        }
        assertThat(migrations.migrate(parts[0], "layer0.yaml")).isNotNull();
    }
}
