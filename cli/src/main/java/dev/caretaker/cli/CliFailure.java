package dev.caretaker.cli;

/**
 * A failure the user should read as one line (exit code {@link ExitCodes#ERROR}): the message is
 * complete on its own, so the error reporter prints it without the exception's type or stack.
 */
public final class CliFailure extends RuntimeException {

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
