package dev.caretaker.orchestrator.webhook;

/**
 * Where the shared secrets that sign each source's webhooks live. A source may have several
 * current secrets while one is being rotated.
 */
public interface WebhookSecrets {

    SecretLookup secretsFor(String source);
}
