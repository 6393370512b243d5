package dev.caretaker.local.stepfunctions;

/**
 * An error raised while running a state, named as Step Functions names it: what Retry and Catch
 * match against, and what a failed execution reports.
 */
final class StateFailure extends Exception {

    private final String error;
    private final String cause;

    StateFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** A failure of the definition's data handling (a path that finds nothing): no Retry or Catch applies. */
    static StateFailure runtime(String cause) {
        return new StateFailure(ErrorNames.RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }

    boolean isCatchable() {
        return ErrorNames.isCatchable(error);
    }
}
