package dev.caretaker.config;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The effective configuration as one S3 object, for documents too large for a parameter. The
 * object's ETag is its version: a HEAD request answers "unchanged" without downloading, and the
 * GET is pinned to the ETag it saw so a write in between cannot mix two versions.
 */
public final class S3ConfigSource implements ConfigSource {

    private final S3Client s3;
    private final String bucket;
    private final String key;

    public S3ConfigSource(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public StoredConfig fetch() {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            if (head.contentLength() != null && head.contentLength() > SafeYamlLoader.MAX_CODE_POINTS * 4L) {
                throw new ConfigSourceException("s3://" + bucket + "/" + key + " is " + head.contentLength()
                        + " bytes, too large to be a configuration", null);
            }
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).ifMatch(head.eTag()));
            return new StoredConfig(object.response().eTag(), object.asString(StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new ConfigSourceException("S3 GetObject on s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + key;
    }
}
