package dev.caretaker.cli;

/**
 * The command line, or the environment it refers to, is wrong (exit code {@link ExitCodes#USAGE}).
 * Thrown where picocli's own ParameterException cannot be: by code that has no CommandLine at hand,
 * or by checks that need the environment (a secret variable, a region).
 */
public final class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message);
    }
}
