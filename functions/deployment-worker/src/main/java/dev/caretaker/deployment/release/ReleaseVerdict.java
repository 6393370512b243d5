package dev.caretaker.deployment.release;

/** The outcome of verifying a release. */
public sealed interface ReleaseVerdict {

    /** Signed by a trusted key and consistent; {@code templateChecked} is false when no template was given to hash. */
    record Trusted(ReleaseManifest manifest, String keyId, boolean templateChecked) implements ReleaseVerdict {
    }

    /** Refused: {@code message} says what is wrong and what to do. */
    record Refused(Refusal reason, String message) implements ReleaseVerdict {
    }
}
