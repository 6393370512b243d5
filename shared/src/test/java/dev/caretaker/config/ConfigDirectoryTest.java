package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirectoryTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeEach
    void layers() throws IOException {
        write("base.yaml", """
                schemaVersion: 2
                customer: {id: acme, account: "123456789012", region: eu-central-1}
                cost:
                  monthlyBudget: 400
                  currency: EUR
                """);
        write("environments/prod.yaml", "environment: prod\ncost:\n  monthlyBudget: 300\n");
        write("environments/dev.yaml", "environment: dev\n");
    }

    @Test
    void mergesTheCustomersOverride_onTopOfBaseAndEnvironment() throws IOException {
        write("overrides/prod.yaml", "cost:\n  monthlyBudget: 250\n");
        ConfigDirectory directory = new ConfigDirectory(dir);

        Validation validation = directory.validate("prod", new ConfigValidator());

        assertThat(directory.layerFiles("prod")).containsExactly(dir.resolve("base.yaml"), dir.resolve("environments/prod.yaml"),
                dir.resolve("overrides/prod.yaml"));
        assertThat(validation.config().cost().orElseThrow().monthlyBudget()).contains(java.math.BigDecimal.valueOf(250));
        assertThat(validation.config().cost().orElseThrow().currency()).isEqualTo("EUR");
        assertThat(EffectiveDocument.explain(validation.effective().orElseThrow()))
                .filteredOn(value -> value.path().equals("cost.monthlyBudget"))
                .singleElement().extracting(value -> value.from().file()).isEqualTo(dir.resolve("overrides/prod.yaml").toString());
    }

    @Test
    void pointsAtTheOverride_whenTheOverrideIsWrong() throws IOException {
        write("overrides/prod.yaml", "cost:\n  monthlyBudget: -1\n");

        Validation validation = new ConfigDirectory(dir).validate("prod", new ConfigValidator());

        assertThat(validation.lines()).containsExactly(dir.resolve("overrides/prod.yaml") + ":2:18: cost.monthlyBudget: must be more than 0, is -1");
    }

    @Test
    void findsTheLayering_ofBaseEnvironmentAndOverrideFiles() throws IOException {
        write("overrides/prod.yaml", "cost:\n  monthlyBudget: 250\n");
        write("standalone.yaml", "schemaVersion: 2\n");

        assertThat(ConfigDirectory.layeringOf(dir.resolve("base.yaml"))).hasValueSatisfying(layering ->
                assertThat(layering.environments()).containsExactly("dev", "prod"));
        assertThat(ConfigDirectory.layeringOf(dir.resolve("environments/dev.yaml"))).hasValueSatisfying(layering ->
                assertThat(layering.environments()).containsExactly("dev"));
        assertThat(ConfigDirectory.layeringOf(dir.resolve("overrides/prod.yaml"))).hasValueSatisfying(layering ->
                assertThat(layering.environments()).containsExactly("prod"));
        assertThat(ConfigDirectory.layeringOf(dir.resolve("standalone.yaml"))).isEmpty();
    }

    @Test
    void saysWhichEnvironmentsExist_whenAskedForAnother() {
        assertThatThrownBy(() -> new ConfigDirectory(dir).layerFiles("qa"))
                .hasMessage("no environments/qa.yaml in " + dir + "; environments: dev, prod");
        assertThat(new ConfigDirectory(dir).environments()).isEqualTo(List.of("dev", "prod"));
    }
}
