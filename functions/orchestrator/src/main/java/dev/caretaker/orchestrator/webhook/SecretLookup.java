package dev.caretaker.orchestrator.webhook;

import java.util.List;

/** The result of asking for a source's webhook secrets. */
public sealed interface SecretLookup {

    /** The source's current secrets, never empty. */
    record Found(List<String> secrets) implements SecretLookup {
        public Found {
            secrets = List.copyOf(secrets);
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("a found source has at least one secret");
            }
        }

        /** Never the secrets themselves: a lookup result can end up in a log line or a test failure. */
        @Override
        public String toString() {
            return "Found[" + secrets.size() + " secret(s)]";
        }
    }

    /** No secret is configured for this source: to the caller, the source does not exist. */
    record UnknownSource() implements SecretLookup {
    }

    /** The secret store could not answer now (throttled, unreachable); asking again later may work. */
    record Unavailable(String reason) implements SecretLookup {
    }

    /** The store answered, but what is stored is unusable (wrong shape, access denied); an operator must fix it. */
    record Misconfigured(String reason) implements SecretLookup {
    }
}
