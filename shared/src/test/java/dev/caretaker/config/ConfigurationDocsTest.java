package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md carries a reference generated from the schema. This test fails when the
 * two disagree; run it with {@code -Dcaretaker.docs.update=true} to rewrite the generated section.
 */
class ConfigurationDocsTest {

    static final String FIX = "./mvnw -B -o -pl shared test -Dtest=ConfigurationDocsTest -Dcaretaker.docs.update=true";

    private final Path docs = RepoRoot.find().resolve("docs/configuration.md");

    @Test
    void referenceMatchesTheSchema() throws IOException {
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = text.indexOf(ConfigReference.BEGIN);
        int end = text.indexOf(ConfigReference.END);
        assertThat(begin).as("docs/configuration.md has the generated reference markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String current = text.substring(begin, end + ConfigReference.END.length() + 1);
        String generated = new ConfigReference(ConfigSchema.shipped()).markdown();

        if (Boolean.getBoolean("caretaker.docs.update") && !current.equals(generated)) {
            Files.writeString(docs, text.substring(0, begin) + generated + text.substring(end + ConfigReference.END.length() + 1),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("docs/configuration.md's reference is stale; regenerate it with: " + FIX).isEqualTo(generated);
    }

    @Test
    void referenceHasARowForEveryKeyTheContractNames() {
        String generated = new ConfigReference(ConfigSchema.shipped()).markdown();

        assertThat(generated).contains("| `drift.ignore[].resourceType` |", "| `drift.rateLimit.callsPerSecond` |",
                "| `deployment.trustedKeys[].kmsKeyId` |", "| `deployment.stacks[].rollback.monitoringMinutes` | integer |",
                "| `deployment.allowOutsideWindow` | boolean |", "| `maintenanceWindows[].timeZone` |",
                "| `changeFreezes[].to` |", "| `schemaVersion` | integer | yes | ");
    }
}
