package dev.caretaker.deployment.release;

/** A manifest that cannot be read as one: the message names the field and what is expected. */
public final class ManifestException extends IllegalArgumentException {

    public ManifestException(String message) {
        super(message);
    }
}
