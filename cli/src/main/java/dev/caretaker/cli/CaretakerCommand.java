package dev.caretaker.cli;

import dev.caretaker.local.LocalCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code caretaker}: the top of the command tree. */
@Command(
        name = "caretaker",
        mixinStandardHelpOptions = true,
        versionProvider = ResourceVersionProvider.class,
        description = "Operate Caretaker: read its jobs, start and approve deployments, send it signed webhooks, sign and"
                + " verify releases, check its configuration, check and explain drift, run it locally.",
        // The extension point for the local runtime: `caretaker local` (dev.caretaker.local.LocalCommand)
        // goes in this list. A command with a constructor taking CliContext gets one (CommandFactory).
        subcommands = {
                JobsCommand.class,
                DeployCommand.class,
                WebhookCommand.class,
                ReleaseCommand.class,
                ConfigCommand.class,
                DriftCommand.class,
                CompletionCommand.class,
                LocalCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:the command failed (the API refused, could not be reached, or an input could not be read)",
                "2:usage error (a wrong option or argument, a file it names that does not exist, or a missing"
                        + " environment variable)",
        })
final class CaretakerCommand implements Callable<Integer> {

    // Declared for its help text and its place on every command line; ErrorReporter reads it from
    // the parse result, wherever on the line it was given.
    @Option(names = ErrorReporter.VERBOSE, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** {@code caretaker} on its own: nothing to do, so say what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
