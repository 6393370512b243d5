package dev.caretaker.local.schedule;

/**
 * A schedule expression uses EventBridge Scheduler syntax the local scheduler does not implement
 * ({@code L}, {@code W}, {@code #}, one-time {@code at()}), or is not valid at all. Firing it at a
 * guessed time would be worse than refusing it.
 */
public final class UnsupportedScheduleExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedScheduleExpressionException(String message) {
        super(message);
    }
}
