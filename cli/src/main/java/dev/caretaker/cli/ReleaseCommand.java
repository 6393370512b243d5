package dev.caretaker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker release}: sign a release as a vendor, verify one as a customer. */
@Command(
        name = "release",
        description = "Sign and verify release manifests (docs/deployment.md).",
        subcommands = {ReleaseSignCommand.class, ReleaseVerifyCommand.class})
final class ReleaseCommand implements Callable<Integer> {

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
