package dev.caretaker.backup;

import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link BackupStore} in the artifacts bucket (versioned and KMS-encrypted by the template). */
public final class S3BackupStore implements BackupStore {

    private final S3Client s3;
    private final String bucket;

    public S3BackupStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String put(String key, byte[] content, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        return "s3://" + bucket + "/" + key;
    }
}
