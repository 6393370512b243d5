package dev.caretaker.orchestrator.webhook;

import dev.caretaker.orchestrator.deployments.Decision;

/** What an authenticated webhook body asks for, once parsed. */
public sealed interface WebhookEvent {

    /** Deploy this release. */
    record Deploy(DeploymentRequest request) implements WebhookEvent {
    }

    /**
     * A decision on a deployment waiting for approval, from a system the operators trust with the
     * source's secret (a chat bot, a ticketing tool); {@code by} is whom that system says decided.
     */
    record Approval(String deploymentId, Decision decision, String by) implements WebhookEvent {
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
