package dev.caretaker.orchestrator.webhook;

/**
 * The verdict on a webhook signature. Only {@link Valid} lets a request in; the others become a 401
 * whose message names the kind of failure and nothing more.
 */
public sealed interface SignatureCheck {

    record Valid() implements SignatureCheck {
    }

    record Missing() implements SignatureCheck {
    }

    record Malformed() implements SignatureCheck {
    }

    /** The signed timestamp is further from now than the tolerance, in either direction. */
    record Stale() implements SignatureCheck {
    }

    /** Well-formed and fresh, but no signature matches any current secret. */
    record Mismatch() implements SignatureCheck {
    }
}
