package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caretaker drift analyze} over the samples in examples/drift. */
class DriftAnalyzeCommandTest {

    private static final Path EXAMPLES = RepoRoot.find().resolve("examples/drift");

    private final CliRunner cli = new CliRunner();

    private static String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    @Test
    void exitsTwoWithTheExplainedTable_whenDriftIsFound() {
        CliRunner.Result result = cli.run("drift", "analyze", example("billing-drifted.json"));

        assertThat(result.exitCode()).isEqualTo(2);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("acme-billing: DRIFTED");
        assertThat(lines.get(1)).contains("RESOURCE", "TYPE", "STATUS", "SEVERITY", "PROPERTY", "EXPECTED", "ACTUAL", "CHANGE");
        assertThat(result.out())
                .containsPattern("InvoiceBucket +AWS::S3::Bucket +MODIFIED +CRITICAL +PublicAccessBlockConfiguration.BlockPublicPolicy +true +false +NOT_EQUAL")
                .containsPattern("LedgerTable +AWS::DynamoDB::Table +DELETED +CRITICAL +deleted outside CloudFormation, and it held data")
                .containsPattern("InvoiceFunction +AWS::Lambda::Function +MODIFIED +WARNING +Timeout +30 +90 +NOT_EQUAL")
                .containsPattern("InvoiceBucket .* +WARNING +VersioningConfiguration.Status +Enabled +Suspended +NOT_EQUAL")
                .containsPattern("InvoiceFunction .* +INFO +Tags.1 +null +\\{\"Key\":\"cost-review\",\"Value\":\"2026-11\"} +ADD")
                .containsPattern("InvoiceRenderer +Custom::InvoiceRenderer +NOT_CHECKED +INFO +its resource type does not support drift detection")
                .doesNotContain("InvoiceTopic");
        assertThat(lines.getLast()).isEqualTo("summary: 2 critical, 1 warning, 1 info, 0 ignored, 1 unchecked");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsTheIssuesJsonKeys_whenOutputIsJson() throws IOException {
        CliRunner.Result result = cli.run("drift", "analyze", "--output", "json", example("several-stacks.json"));

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode json = Json.mapper().readTree(result.out());
        assertThat(json.path("stacks")).hasSize(2);
        JsonNode network = json.at("/stacks/0");
        assertThat(network.path("stack").asText()).isEqualTo("acme-network");
        assertThat(network.path("status").asText()).isEqualTo("DRIFTED");
        assertThat(network.path("partial").isBoolean()).isTrue();
        JsonNode sg = network.at("/resources/0");
        assertThat(sg.path("logicalId").asText()).isEqualTo("AppSecurityGroup");
        assertThat(sg.path("type").asText()).isEqualTo("AWS::EC2::SecurityGroup");
        assertThat(sg.path("status").asText()).isEqualTo("MODIFIED");
        assertThat(sg.path("severity").asText()).isEqualTo("CRITICAL");
        JsonNode ingress = sg.at("/differences/0");
        assertThat(ingress.path("path").asText()).isEqualTo("SecurityGroupIngress.1");
        assertThat(ingress.path("expected").isNull()).isTrue();
        assertThat(ingress.path("actual").path("CidrIp").asText()).as("parsed, not a string").isEqualTo("0.0.0.0/0");
        assertThat(ingress.path("type").asText()).isEqualTo("ADD");
        assertThat(json.at("/stacks/1/status").asText()).isEqualTo("IN_SYNC");
        JsonNode summary = json.path("summary");
        assertThat(summary.path("critical").asInt()).isEqualTo(2);
        assertThat(summary.path("warning").asInt()).isEqualTo(1);
        assertThat(summary.path("info").asInt()).isZero();
        assertThat(summary.path("ignored").asInt()).isZero();
    }

    @Test
    void exitsZero_whenTheStackIsInSync() {
        CliRunner.Result result = cli.run("drift", "analyze", example("in-sync.json"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("acme-app: IN_SYNC" + System.lineSeparator()
                + "summary: 0 critical, 0 warning, 0 info, 0 ignored, 0 unchecked" + System.lineSeparator());
    }

    @Test
    void readsStandardInput_whenFileIsDash() throws IOException {
        CliRunner.Result result = new CliRunner().stdin(Files.readString(EXAMPLES.resolve("in-sync.json")))
                .run("drift", "analyze", "-");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("acme-app: IN_SYNC");
    }

    @Test
    void dropsAndCountsIgnoredDrift_whenGivenAnIgnoreFile() throws IOException {
        CliRunner.Result result = cli.run("drift", "analyze", "--output", "json", "--ignore", example("ignore.yaml"),
                example("billing-drifted.json"));

        JsonNode json = Json.mapper().readTree(result.out());
        assertThat(json.at("/summary/ignored").asInt()).as("two tag differences and the memory size").isEqualTo(3);
        assertThat(json.at("/summary/info").asInt()).as("the queue's only drift was a tag").isZero();
        assertThat(json.at("/stacks/0/resources").findValuesAsText("logicalId")).doesNotContain("InvoiceQueue");
        assertThat(json.at("/stacks/0/resources").findValuesAsText("path")).contains("Timeout").doesNotContain("MemorySize", "Tags.1");
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void exitsZero_whenEveryDriftIsIgnored(@TempDir Path dir) throws IOException {
        Path ignore = Files.writeString(dir.resolve("all.yaml"), "ignore:\n  - resource: \"**\"\n    reason: lab account\n");

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", ignore.toString(), example("billing-drifted.json"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("acme-billing: IN_SYNC (5 ignored)");
    }

    @Test
    void exitsOneNamingWhereTheInputIsWrong_whenItIsMalformed(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"StackResourceDrifts": [{"StackId": "arn:aws:cloudformation:eu-west-1:1:stack/app/1",
                  "LogicalResourceId": "Fn", "ResourceType": "AWS::Lambda::Function", "StackResourceDriftStatus": "DRIFTING"}]}
                """);

        CliRunner.Result result = cli.run("drift", "analyze", bad.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("caretaker: " + bad + ": StackResourceDrifts[0].StackResourceDriftStatus:"
                + " 'DRIFTING' is not one of IN_SYNC, MODIFIED, DELETED, NOT_CHECKED, UNKNOWN, UNSUPPORTED");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsOneWithLineAndColumn_whenInputIsNotJson() {
        CliRunner.Result result = new CliRunner().stdin("{\"StackResourceDrifts\": [\n  {,}\n]}").run("drift", "analyze", "-");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("caretaker: standard input:2:").contains("not valid JSON");
    }

    @Test
    void exitsOneNamingTheEntry_whenTheIgnoreFileIsWrong(@TempDir Path dir) throws IOException {
        Path ignore = Files.writeString(dir.resolve("ignore.yaml"), "ignore:\n  - resource: Fn\n  - property: Tags.*\n");

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", ignore.toString(), example("in-sync.json"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("caretaker: " + ignore + ": ignore[1]: resource is required"
                + " (a logical-id glob such as 'Function' or '*')");
    }

    /** Nine levels of nine aliases: about 387 million strings once expanded. */
    static final String BILLION_LAUGHS = """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
            ignore:
              - resource: "*"
                reason: *i
            """;

    @Test
    void exitsOneSayingWhy_whenTheIgnoreFileIsABillionLaughs(@TempDir Path dir) throws IOException {
        Path ignore = Files.writeString(dir.resolve("laughs.yaml"), BILLION_LAUGHS);

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", ignore.toString(), example("billing-drifted.json"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("caretaker: " + ignore + ":1:1: too many aliases: more than 20 references"
                + " to anchored lists or mappings; refusing to expand a document that may be a \"billion laughs\"");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsOneNamingTheLine_whenTheIgnoreFileNamesAJavaType(@TempDir Path dir) throws IOException {
        Path ignore = Files.writeString(dir.resolve("typed.yaml"),
                "ignore:\n  - resource: !!javax.script.ScriptEngineManager [x]\n    reason: no\n");

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", ignore.toString(), example("in-sync.json"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("caretaker: " + ignore + ":2:").contains("is not allowed: configuration uses plain"
                + " YAML values only");
    }

    @Test
    void readsTheSameRules_whenTheIgnoreFileUsesPlainAnchors(@TempDir Path dir) throws IOException {
        Path ignore = Files.writeString(dir.resolve("anchored.yaml"), """
                ignore:
                  - resource: "**"
                    reason: &why lab account
                  - resource: Unused
                    reason: *why
                """);

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", ignore.toString(), example("billing-drifted.json"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("acme-billing: IN_SYNC (5 ignored)");
    }

    @Test
    void exitsTwoAsAUsageError_whenTheFileDoesNotExist() {
        CliRunner.Result result = cli.run("drift", "analyze", "no-such-file.json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("caretaker: input no-such-file.json does not exist"
                + " (see 'caretaker drift analyze --help')");
        assertThat(result.out()).as("nothing on stdout: told apart from drift found by that").isEmpty();
    }

    @Test
    void exitsTwoAsAUsageError_whenTheIgnoreFileDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("ignore.yaml");

        CliRunner.Result result = cli.run("drift", "analyze", "--ignore", missing.toString(), example("in-sync.json"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("caretaker: ignore file (--ignore) " + missing + " does not exist"
                + " (see 'caretaker drift analyze --help')");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsTwoAsAUsageError_whenTheFileIsADirectory(@TempDir Path dir) {
        CliRunner.Result result = cli.run("drift", "analyze", dir.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("input " + dir + " is a directory, not a file");
    }

    @Test
    void listsTheUsageMeaningOfTwo_inItsHelp() {
        assertThat(cli.run("drift", "analyze", "--help").out()).contains("2   drift found; also a usage error");
    }
}
