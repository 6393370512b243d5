package dev.caretaker.local.resources;

/** Creates a bucket on an engine (see {@link S3BucketCreator}). */
@FunctionalInterface
public interface BucketCreator {
    LocalResource create(BucketDefinition bucket);
}
