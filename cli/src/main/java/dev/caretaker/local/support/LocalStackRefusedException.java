package dev.caretaker.local.support;

/** LocalStack did not do what the local system needs of it (a service not running, a call refused). */
public final class LocalStackRefusedException extends RuntimeException {

    public LocalStackRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
