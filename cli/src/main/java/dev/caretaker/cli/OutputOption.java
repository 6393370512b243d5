package dev.caretaker.cli;

import picocli.CommandLine.Option;

/** {@code --output table|json}, on every command whose output is data. */
final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Names.class,
            description = "table (aligned columns) or json (the API's JSON, unchanged). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    OutputFormat format() {
        return format;
    }
}
