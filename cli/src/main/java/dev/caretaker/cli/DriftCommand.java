package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker drift}: drift reports offline and drift checks on the running system. */
@Command(
        name = "drift",
        description = "Explain CloudFormation drift offline, or check stacks for drift on the running system.",
        subcommands = {DriftAnalyzeCommand.class, DriftCheckCommand.class})
final class DriftCommand implements Callable<Integer> {

    /** Exit code of analyze and check when drift was found: scripts branch on it. */
    static final int DRIFT_FOUND = 2;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
