package dev.caretaker.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for subcommands. Not picocli's standard mixin, which would also give every
 * subcommand a {@code --version} that prints nothing: the version belongs to {@code caretaker}.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean requested;
}
