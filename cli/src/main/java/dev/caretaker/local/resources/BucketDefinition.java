package dev.caretaker.local.resources;

import java.util.Objects;

/** An S3 bucket to create, versioned if the template enables versioning. */
public record BucketDefinition(String logicalId, String bucketName, boolean versioned) {

    public BucketDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(bucketName, "bucketName");
    }
}
