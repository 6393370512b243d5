package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker webhook}: what a vendor's pipeline does, from a terminal. */
@Command(
        name = "webhook",
        description = "Send webhooks to Caretaker, signed as its webhook API verifies them.",
        subcommands = {WebhookSendCommand.class})
final class WebhookCommand implements Callable<Integer> {

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
