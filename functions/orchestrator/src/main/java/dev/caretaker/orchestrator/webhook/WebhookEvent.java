package dev.caretaker.orchestrator.webhook;

/** What an authenticated webhook body asks for, once parsed. */
public sealed interface WebhookEvent {

    /** Deploy this release. */
    record Deploy(DeploymentRequest request) implements WebhookEvent {
    }

    /** A connectivity check (GitHub's ping): answer, create nothing. */
    record Ping() implements WebhookEvent {
    }

    /** A well-formed event Caretaker does not act on, e.g. a GitHub push. */
    record Ignored(String event) implements WebhookEvent {
    }

    /** The body is not what the event requires; {@code message} says what and where. */
    record Invalid(String message) implements WebhookEvent {
    }
}
