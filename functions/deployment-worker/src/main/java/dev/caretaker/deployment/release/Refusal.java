package dev.caretaker.deployment.release;

/** Why a release was refused; each names what a person can do about it. */
public enum Refusal {
    /** The manifest is not a valid manifest (bad JSON, missing or malformed field). */
    MALFORMED_MANIFEST,
    /** No signature came with the manifest. */
    UNSIGNED,
    /** The signature names a key id the customer does not trust. */
    UNKNOWN_KEY,
    /** The signature does not verify with the trusted key: manifest changed after signing, or another key signed it. */
    BAD_SIGNATURE,
    /** The template's SHA-256 differs from the one the manifest records. */
    TEMPLATE_MISMATCH,
    /** The version is older than the deployed one and the manifest is not an explicit rollback. */
    DOWNGRADE
}
