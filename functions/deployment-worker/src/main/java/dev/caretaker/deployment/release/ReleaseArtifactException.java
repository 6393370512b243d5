package dev.caretaker.deployment.release;

/** A release file that can never be read as asked: a malformed location, or too large. Retrying does not help. */
public final class ReleaseArtifactException extends RuntimeException {

    public ReleaseArtifactException(String message) {
        super(message);
    }
}
