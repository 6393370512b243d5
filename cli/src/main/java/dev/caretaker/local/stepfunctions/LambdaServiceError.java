package dev.caretaker.local.stepfunctions;

import java.util.Objects;

/**
 * Thrown by a {@link TaskFunction} to simulate a failure of the Lambda service rather than of the
 * function, e.g. {@code Lambda.ServiceException} or {@code Lambda.TooManyRequestsException}: the
 * task fails with exactly that error name, so a definition's Retry for those errors can be exercised.
 */
public final class LambdaServiceError extends RuntimeException {

    private final String error;

    public LambdaServiceError(String error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public String error() {
        return error;
    }
}
