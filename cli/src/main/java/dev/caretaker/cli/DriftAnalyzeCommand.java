package dev.caretaker.cli;

import dev.caretaker.drift.IgnoreRule;
import dev.caretaker.drift.report.DriftExplainer;
import dev.caretaker.drift.report.DriftInputException;
import dev.caretaker.drift.report.DriftReportJson;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.ResourceDriftDocuments;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker drift analyze FILE|-}: the explained report for what
 * {@code aws cloudformation describe-stack-resource-drifts} printed, offline, with the same
 * severities and ignore rules the drift worker uses.
 */
@Command(
        name = "analyze",
        description = "Explain the JSON printed by 'aws cloudformation describe-stack-resource-drifts' (one document or"
                + " an array of them): severity per drifted resource, each property difference with parsed values.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no drift (after ignore rules)", "2:drift found; also a usage error, such as FILE or the --ignore file"
                + " not existing (then stderr says so and nothing is printed)", "1:the input or the ignore file could not be read"
                + " or is malformed"},
        footerHeading = "%nExample:%n",
        footer = "  aws cloudformation describe-stack-resource-drifts --stack-name billing | ./caretaker drift analyze -")
final class DriftAnalyzeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    OutputOption output;

    @Option(names = "--ignore", paramLabel = "FILE",
            description = "YAML with a top-level 'ignore:' list of {resource, resourceType, property, reason} (globs: '*' within"
                    + " a dotted segment, '**' across), as the configuration's drift.ignore.")
    Path ignoreFile;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON to explain; - reads standard input.")
    String file;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DriftAnalyzeCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (ignoreFile != null) {
            InputFiles.requireExisting(ignoreFile, DriftIgnoreFile.WHAT);
        }
        if (!"-".equals(file)) {
            InputFiles.requireExisting(InputFiles.path(file, "input"), "input");
        }
        List<IgnoreRule> rules = ignoreFile == null ? List.of() : DriftIgnoreFile.read(ignoreFile);
        String source = "-".equals(file) ? "standard input" : file;
        List<ExplainedStack> stacks;
        try {
            stacks = new DriftExplainer(rules).explain(ResourceDriftDocuments.parse(read(), source));
        } catch (DriftInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.format() == OutputFormat.JSON
                ? Json.write(DriftReportJson.report(stacks)) + System.lineSeparator()
                : DriftTable.render(stacks));
        out.flush();
        return stacks.stream().anyMatch(ExplainedStack::drifted) ? DriftCommand.DRIFT_FOUND : ExitCodes.OK;
    }

    private String read() {
        if (!"-".equals(file)) {
            return InputFiles.readString(Path.of(file), "input");
        }
        try {
            return new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
