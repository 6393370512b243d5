package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class CaretakerCommandTest {

    private final CliRunner cli = new CliRunner();

    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CliRunner().commandLine(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void printsUsageAndExitsZero_whenHelpGivenOnAnyCommand(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        CliRunner.Result result = cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: " + String.join(" ", prefixed(path)));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void coversEveryCommandOfTheTree_whenIteratingForHelp() {
        assertThat(everyCommand().map(path -> String.join(" ", path)))
                .contains("", "jobs", "jobs list", "jobs show", "webhook", "webhook send", "drift", "drift analyze", "drift check",
                        "deploy", "deploy start", "deploy status", "deploy approve", "deploy reject", "deploy cancel",
                        "deploy history", "deploy promote", "completion");
    }

    @ParameterizedTest
    @MethodSource("dataCommands")
    void offersOutputTableOrJson_whenCommandOutputIsData(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        assertThat(cli.run(args.toArray(String[]::new)).out()).contains("--output=FORMAT").contains("table (aligned columns) or json");
    }

    static Stream<List<String>> dataCommands() {
        return Stream.of(List.of("jobs", "list"), List.of("jobs", "show"), List.of("webhook", "send"),
                List.of("drift", "analyze"), List.of("drift", "check"), List.of("deploy", "start"), List.of("deploy", "status"),
                List.of("deploy", "approve"), List.of("deploy", "reject"), List.of("deploy", "cancel"),
                List.of("deploy", "history"), List.of("deploy", "promote"));
    }

    @Test
    void printsMavenProjectVersion_whenVersionRequested() {
        CliRunner.Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().findFirst())
                .contains("caretaker " + System.getProperty("caretaker.expectedVersion"));
        assertThat(result.out()).doesNotContain("${");
    }

    @Test
    void exitsWithUsageAndOneLine_whenOptionUnknown() {
        CliRunner.Result result = cli.run("jobs", "list", "--bogus");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines()).first()
                .isEqualTo("caretaker: Unknown option: '--bogus' (see 'caretaker jobs list --help')");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void suggestsTheCommand_whenSubcommandMisspelt() {
        CliRunner.Result result = cli.run("job");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("caretaker: Unmatched argument").contains("jobs");
    }

    @Test
    void printsUsageToStderrAndExitsTwo_whenNoSubcommandGiven() {
        CliRunner.Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Usage: caretaker").contains("jobs").contains("webhook");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void printsGroupUsageAndExitsTwo_whenGroupGivenWithoutSubcommand() {
        assertThat(cli.run("jobs").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("webhook").err()).contains("Usage: caretaker webhook").contains("send");
    }

    @Test
    void exitsWithUsage_whenOutputFormatUnknown() {
        CliRunner.Result result = cli.run("jobs", "list", "--output", "xml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--output").contains("expected table or json");
    }

    @Test
    void acceptsVerboseAnywhereOnTheLine_whenGivenBeforeOrAfterSubcommand() {
        assertThat(cli.run("--verbose", "jobs", "list", "--help").exitCode()).isZero();
        assertThat(cli.run("jobs", "list", "--verbose", "--help").exitCode()).isZero();
    }

    @Test
    void printsBashCompletionScriptMentioningCommands_whenCompletionRequested() {
        CliRunner.Result result = cli.run("completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isNotBlank()
                .contains("complete -F")
                .contains("jobs")
                .contains("webhook")
                .contains("--page-token");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsExitCodes_whenTopLevelHelpShown() {
        assertThat(cli.run("--help").out()).contains("Exit codes:").contains("0   success").contains("2   usage error");
    }

    private static List<String> prefixed(List<String> path) {
        List<String> words = new ArrayList<>();
        words.add("caretaker");
        words.addAll(path);
        return words;
    }
}
