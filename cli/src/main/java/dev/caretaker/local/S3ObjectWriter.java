package dev.caretaker.local;

import java.util.Objects;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes objects into one bucket of the local S3 engine: how the sandbox vendor publishes its releases. */
public final class S3ObjectWriter implements BiConsumer<String, byte[]> {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectWriter(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void accept(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
}
