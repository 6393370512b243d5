package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker deploy}: operating deployments. */
@Command(
        name = "deploy",
        description = "Start, follow, approve, reject, cancel and promote deployments; read a stack's deployment history.",
        subcommands = {
                DeployStartCommand.class,
                DeployStatusCommand.class,
                DeployApproveCommand.class,
                DeployRejectCommand.class,
                DeployCancelCommand.class,
                DeployHistoryCommand.class,
                DeployPromoteCommand.class,
        })
final class DeployCommand implements Callable<Integer> {

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
