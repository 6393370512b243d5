package dev.caretaker.local;

import dev.caretaker.aws.AwsClientFactory;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Uri;

/**
 * Reads the template a CloudFormation TemplateURL names from the local S3 engine, so the sandbox's
 * CloudFormation deploys what a release put in the local bucket. Takes the URLs CloudFormation
 * takes (virtual-hosted or path-style S3 URLs) and the engine's own path-style URLs.
 */
public final class S3TemplateSource implements Function<String, byte[]> {

    private final S3Client s3;

    S3TemplateSource(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /** Reads through the engines' S3 client (path-style: the engine is on a loopback address). */
    public static S3TemplateSource using(AwsClientFactory engineClients) {
        return new S3TemplateSource(engineClients.s3());
    }

    @Override
    public byte[] apply(String templateUrl) {
        URI uri = URI.create(templateUrl);
        String bucket;
        String key;
        if (uri.getHost() != null && uri.getHost().endsWith(".amazonaws.com")) {
            S3Uri parsed = s3.utilities().parseUri(uri);
            bucket = parsed.bucket().orElseThrow(() -> new IllegalArgumentException(templateUrl + " names no S3 bucket"));
            key = parsed.key().orElseThrow(() -> new IllegalArgumentException(templateUrl + " names no S3 object"));
        } else {
            // The local engine's URLs are path-style: /bucket/key.
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new IllegalArgumentException(templateUrl + " is not an S3 object URL (/bucket/key)");
            }
            bucket = path.substring(0, slash);
            key = path.substring(slash + 1);
        }
        return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    }
}
