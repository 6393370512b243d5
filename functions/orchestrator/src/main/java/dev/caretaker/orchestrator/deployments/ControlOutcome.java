package dev.caretaker.orchestrator.deployments;

import java.util.Map;

/**
 * How a request to act on a deployment (approve, reject, cancel) ended. The API and the signed
 * webhook map these to the same status codes.
 */
public sealed interface ControlOutcome {

    /** Done, or found already done the same way (200). */
    record Done(Map<String, Object> body) implements ControlOutcome {
    }

    /** No such deployment (404). */
    record NotFound(String message) implements ControlOutcome {
    }

    /** The deployment's state does not allow it (409); the message says what state and what to do. */
    record Conflict(String message) implements ControlOutcome {
    }

    /** A backing service failed transiently (503): the same request later completes it. */
    record Unavailable(String message) implements ControlOutcome {
    }

    /** Failed for a reason a retry will not fix (500); the detail is in the log. */
    record Failed(String message) implements ControlOutcome {
    }
}
