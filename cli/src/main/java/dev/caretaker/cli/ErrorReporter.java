package dev.caretaker.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error and an exit code: 2 for a wrong command line
 * (picocli's parse errors, {@link UsageError}), 1 for anything that failed while running. The stack
 * trace is for {@code --verbose} only: an operator needs the message, a bug report needs the trace.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(usageLine(command, e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        if (verbose(command.getParseResult())) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        int exitCode;
        switch (e) {
            case UsageError usage -> {
                err.println(usageLine(command, usage.getMessage()));
                exitCode = ExitCodes.USAGE;
            }
            case CliFailure failure -> {
                err.println("caretaker: " + failure.getMessage());
                exitCode = ExitCodes.ERROR;
            }
            default -> {
                err.println("caretaker: unexpected " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + (verbose ? "" : " (run with --verbose for the stack trace)"));
                exitCode = ExitCodes.ERROR;
            }
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static String usageLine(CommandLine command, String message) {
        return "caretaker: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
    }

    /** --verbose is inherited by every subcommand; it counts wherever on the line it was given. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
