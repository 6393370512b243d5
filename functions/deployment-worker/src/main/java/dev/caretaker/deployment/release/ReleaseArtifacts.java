package dev.caretaker.deployment.release;

import java.util.Optional;

/**
 * Port: where release files come from and where a deployment keeps the template it verified.
 * Locations are {@code s3://bucket/key} or {@code https://…}.
 */
public interface ReleaseArtifacts {

    /**
     * The bytes at {@code location}, empty when nothing is there.
     *
     * @throws ReleaseArtifactException when the location is malformed or larger than {@code maxBytes}
     *                                  (a verdict), or unreadable for now (any other runtime exception)
     */
    Optional<byte[]> fetch(String location, int maxBytes);

    /** Keeps {@code bytes} in Caretaker's own bucket under {@code key}; returns its s3:// location. */
    String keep(String key, byte[] bytes);

    /** The https URL CloudFormation reads a kept object from (TemplateURL). */
    String httpsUrl(String keptLocation);
}
