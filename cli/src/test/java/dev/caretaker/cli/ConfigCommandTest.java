package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class ConfigCommandTest {

    private static final String VALID = """
            schemaVersion: 2
            customer:
              id: acme
              account: "123456789012"
              region: eu-central-1
            environment: dev
            """;

    private final CliRunner cli = new CliRunner();
    private final Path examples = RepoRoot.find().resolve("examples/config");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void validateExitsZero_whenEveryExampleLayerIsValid() {
        CliRunner.Result result = cli.run("config", "validate", examples.resolve("base.yaml").toString(),
                examples.resolve("environments/dev.yaml").toString(), examples.resolve("environments/prod.yaml").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("base.yaml: valid (merged for dev, prod, staging)")
                .contains("prod.yaml: valid (merged for prod)");
    }

    @Test
    void validatePrintsOneLinePerProblem_andExitsOne_whenInvalid() throws IOException {
        Path file = write("acme.yaml", VALID.replace("region: eu-central-1", "regoin: eu-central-1")
                + "cost:\n  monthlyBudget: 100\n  thresholds: [80, 1200]\n");

        CliRunner.Result result = cli.run("config", "validate", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out().lines()).containsExactly(
                file + ":3:3: customer.region: is required",
                file + ":5:3: customer.regoin: unknown key; did you mean 'region'?",
                file + ":9:20: cost.thresholds[1]: threshold 1200% is over 1000%: it would alert only at more than ten times the budget");
        assertThat(result.err()).contains(file + ": 3 problems");
    }

    @Test
    void validateReportsEachFile_whenSomeAreValidAndSomeNot() throws IOException {
        Path good = write("good.yaml", VALID);
        Path bad = write("bad.yaml", VALID.replace("environment: dev", "environment: Dev"));

        CliRunner.Result result = cli.run("config", "validate", good.toString(), bad.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out().lines()).singleElement().asString().startsWith(bad + ":6:14: environment: 'Dev' is not");
        assertThat(result.err()).contains(good + ": valid").contains(bad + ": 1 problem");
    }

    @Test
    void validateExitsTwo_whenFileIsMissingOrNoneGiven() {
        Path absent = dir.resolve("absent.yaml");
        CliRunner.Result missing = cli.run("config", "validate", examples.resolve("base.yaml").toString(), absent.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip()).isEqualTo("caretaker: configuration file " + absent + " does not exist"
                + " (see 'caretaker config validate --help')");
        assertThat(missing.out()).as("nothing validated when one named file is missing").isEmpty();
        assertThat(cli.run("config", "validate").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void migrateExitsTwoAndWritesNothing_whenFileIsMissing() {
        Path absent = dir.resolve("absent.yaml");

        CliRunner.Result result = cli.run("config", "migrate", absent.toString(), "--write");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("caretaker: configuration file " + absent + " does not exist"
                + " (see 'caretaker config migrate --help')");
        assertThat(absent).doesNotExist();
        assertThat(absent.resolveSibling("absent.yaml.migrating")).doesNotExist();
    }

    @Test
    void renderPrintsEffectiveYaml_thatReadsBackWithQuotedTimesAndAccount() {
        CliRunner.Result result = cli.run("config", "render", "--dir", examples.toString(), "--env", "prod");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("start: '22:00'").contains("account: '123456789012'");
        Map<String, Object> document = new Yaml().load(result.out());
        assertThat(document).containsEntry("environment", "prod").containsEntry("schemaVersion", 2);
        assertThat(((Map<?, ?>) document.get("customer")).get("account")).isEqualTo("123456789012");
    }

    @Test
    void renderPrintsJson_whenOutputIsJson() {
        CliRunner.Result result = cli.run("config", "render", "--dir", examples.toString(), "--env", "dev", "--output", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode json = Json.read(result.out(), JsonNode.class);
        assertThat(json.path("environment").asText()).isEqualTo("dev");
        assertThat(json.path("backup").has("copyToRegion")).isFalse();
        assertThat(json.path("cost").path("monthlyBudget").asInt()).isEqualTo(50);
    }

    @Test
    void renderExplainNamesTheFileOfEachValue_andTheNullsThatRemovedKeys() {
        CliRunner.Result result = cli.run("config", "render", "--dir", examples.toString(), "--env", "dev", "--explain");

        assertThat(result.exitCode()).isZero();
        String dev = examples.resolve("environments/dev.yaml").toString();
        String base = examples.resolve("base.yaml").toString();
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line).matches("cost\\.monthlyBudget: 50 +# " + java.util.regex.Pattern.quote(dev) + ":\\d+:\\d+"));
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line).matches("customer\\.region: \"eu-central-1\" +# " + java.util.regex.Pattern.quote(base) + ":\\d+:\\d+"));
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line).startsWith("# removed backup.copyToRegion (null at " + dev + ":"));
    }

    @Test
    void renderExplainAsJson_listsValuesWithOrigins() {
        CliRunner.Result result = cli.run("config", "render", "--dir", examples.toString(), "--env", "prod", "--explain", "-o", "json");

        JsonNode json = Json.read(result.out(), JsonNode.class);
        assertThat(json.path("values").findValuesAsText("path")).contains("backup.retention.daily", "maintenanceWindows[1].days[0]");
        for (JsonNode value : json.path("values")) {
            if (value.path("path").asText().equals("backup.retention.daily")) {
                assertThat(value.path("value").asInt()).isEqualTo(14);
                assertThat(value.path("from").asText()).startsWith(examples.resolve("environments/prod.yaml") + ":");
            }
        }
    }

    @Test
    void renderPrintsProblemsAndExitsOne_whenMergedConfigurationIsInvalid() throws IOException {
        write("cfg/base.yaml", VALID.replace("environment: dev\n", ""));
        Path env = write("cfg/environments/prod.yaml", "environment: prod\nbackup:\n  copyToRegion: eu-central-1\n");

        CliRunner.Result result = cli.run("config", "render", "--dir", dir.resolve("cfg").toString(), "--env", "prod");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains(env + ":3:17: backup.copyToRegion: 'eu-central-1' is the home region");
    }

    @Test
    void renderExitsTwo_whenEnvironmentHasNoFile() {
        CliRunner.Result result = cli.run("config", "render", "--dir", examples.toString(), "--env", "qa");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no environments/qa.yaml in").contains("environments: dev, prod, staging");
    }

    @Test
    void migratePrintsRewrittenFile_andLeavesTheFileAlone_withoutWrite() throws IOException {
        String old = "schemaVersion: 1  # old\ncost:\n  budget: 10 # monthly\n";
        Path file = write("old.yaml", old);

        CliRunner.Result result = cli.run("config", "migrate", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("schemaVersion: 2  # old\ncost:\n  monthlyBudget: 10 # monthly\n");
        assertThat(result.err()).contains(file + ":3:3: cost.budget renamed to monthlyBudget");
        assertThat(Files.readString(file)).isEqualTo(old);
    }

    @Test
    void migrateWritesFileInPlace_keepingComments_withWrite() throws IOException {
        Path file = write("old.yaml", "# acme, prod\nschemaVersion: 1  # old\ncost:\n  # the finance team's number\n  budget: 10 # EUR\n");

        CliRunner.Result result = cli.run("config", "migrate", file.toString(), "--write");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(file))
                .isEqualTo("# acme, prod\nschemaVersion: 2  # old\ncost:\n  # the finance team's number\n  monthlyBudget: 10 # EUR\n");
        assertThat(dir.resolve("old.yaml.migrating")).as("the temporary file is moved over the original").doesNotExist();
        assertThat(result.err()).contains("migrated from schemaVersion 1 to 2");
    }

    @Test
    void migrateExitsOneAndSaysWhere_whenItCannotMigrate() throws IOException {
        Path file = write("both.yaml", "schemaVersion: 1\ncost:\n  budget: 10\n  monthlyBudget: 10\n");

        CliRunner.Result result = cli.run("config", "migrate", file.toString(), "--write");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains(file + ":4:3: (document): cost has both budget (line 3) and monthlyBudget");
        assertThat(Files.readString(file)).contains("budget: 10");
    }

    @Test
    void schemaPrintsTheDraft202012Schema() {
        CliRunner.Result result = cli.run("config", "schema");

        assertThat(result.exitCode()).isZero();
        JsonNode schema = Json.read(result.out(), JsonNode.class);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("required").toString()).contains("schemaVersion");
    }
}
