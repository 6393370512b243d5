package dev.caretaker.orchestrator.webhook;

/**
 * A body that cannot be acted on. Thrown inside the parsers to stop at the first problem and turned
 * into {@link WebhookEvent.Invalid} at their edge; it never leaves this package.
 */
final class InvalidWebhookException extends Exception {

    InvalidWebhookException(String message) {
        // No stack trace: this is an expected answer to bad input, not a fault.
        super(message, null, false, false);
    }
}
