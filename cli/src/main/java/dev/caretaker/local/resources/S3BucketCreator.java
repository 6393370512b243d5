package dev.caretaker.local.resources;

import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** {@link BucketCreator} on S3 (s3proxy): CreateBucket, then PutBucketVersioning where the template enables it. */
public final class S3BucketCreator implements BucketCreator {

    private final S3Client s3;

    public S3BucketCreator(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public LocalResource create(BucketDefinition bucket) {
        try {
            s3.createBucket(request -> request.bucket(bucket.bucketName()));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // Engines that outlive one run already hold it; versioning is set again below.
        }
        if (bucket.versioned()) {
            s3.putBucketVersioning(request -> request.bucket(bucket.bucketName())
                    .versioningConfiguration(versioning -> versioning.status(BucketVersioningStatus.ENABLED)));
        }
        return LocalResource.bucket(bucket.logicalId(), bucket.bucketName());
    }
}
