package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker jobs}: the status API. */
@Command(
        name = "jobs",
        description = "Read jobs from the status API: what Caretaker did and is doing.",
        subcommands = {JobsListCommand.class, JobsShowCommand.class})
final class JobsCommand implements Callable<Integer> {

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
