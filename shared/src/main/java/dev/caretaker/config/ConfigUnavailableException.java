package dev.caretaker.config;

/**
 * No valid configuration has ever been loaded by this process: the first version read was invalid
 * or could not be read. Work that needs configuration must fail (and be retried) rather than run on
 * guesses.
 */
public final class ConfigUnavailableException extends RuntimeException {

    public ConfigUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
