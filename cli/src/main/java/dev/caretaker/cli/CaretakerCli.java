package dev.caretaker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The configured {@code caretaker} command line: exit codes, error reporting and injection in one place. */
public final class CaretakerCli {

    private CaretakerCli() {
    }

    public static CommandLine commandLine(CliContext context) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine cli = new CommandLine(CaretakerCommand.class, new CommandFactory(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        setExitCodes(cli);
        return cli;
    }

    /** On every command of the tree: picocli reads them from the command that ran. */
    private static void setExitCodes(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.exitCodeOnSuccess(ExitCodes.OK)
                .exitCodeOnUsageHelp(ExitCodes.OK)
                .exitCodeOnVersionHelp(ExitCodes.OK)
                .exitCodeOnInvalidInput(ExitCodes.USAGE)
                .exitCodeOnExecutionException(ExitCodes.ERROR);
        command.getSubcommands().values().forEach(CaretakerCli::setExitCodes);
    }
}
