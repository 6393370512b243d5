package dev.caretaker.deployment.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link ReleaseArtifacts} on S3 ({@code s3://} locations, read with the function's role) and plain
 * HTTPS. Reads stop at {@code maxBytes}: a release file larger than CloudFormation would take is
 * refused before it is held in memory.
 */
public final class S3ReleaseArtifacts implements ReleaseArtifacts {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);

    private final S3Client s3;
    private final HttpClient http;
    private final String bucket;
    private final Region region;

    public S3ReleaseArtifacts(S3Client s3, HttpClient http, String bucket, Region region) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.http = Objects.requireNonNull(http, "http");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public Optional<byte[]> fetch(String location, int maxBytes) {
        if (location.startsWith("s3://")) {
            S3Location s3Location = S3Location.parse(location);
            try (ResponseInputStream<GetObjectResponse> object = s3.getObject(request -> request
                    .bucket(s3Location.bucket()).key(s3Location.key()))) {
                return Optional.of(readAtMost(object, maxBytes, location));
            } catch (NoSuchKeyException missing) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + location + ": " + e.getMessage(), e);
            }
        }
        if (location.startsWith("https://")) {
            return fetchHttps(location, maxBytes);
        }
        throw new ReleaseArtifactException("'" + location + "' is neither an s3:// nor an https:// location");
    }

    private Optional<byte[]> fetchHttps(String location, int maxBytes) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new ReleaseArtifactException("'" + location + "' is not a valid URL: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404 || response.statusCode() == 403 && location.contains(".amazonaws.com/")) {
                    // S3 answers 403 for a missing object the reader may not list: to a caller, both mean "not there".
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + location + " answered HTTP " + response.statusCode());
                }
                return Optional.of(readAtMost(body, maxBytes, location));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + location, e);
        }
    }

    @Override
    public String keep(String key, byte[] bytes) {
        // The bucket's default encryption (SSE-KMS with Caretaker's key) applies; no header needed.
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String httpsUrl(String keptLocation) {
        S3Location location = S3Location.parse(keptLocation);
        return "https://" + location.bucket() + ".s3." + region.id() + ".amazonaws.com/" + location.key();
    }

    private static byte[] readAtMost(InputStream in, int maxBytes, String location) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ReleaseArtifactException(location + " is larger than " + maxBytes + " bytes");
        }
        return bytes;
    }

    record S3Location(String bucket, String key) {
        static S3Location parse(String location) {
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new ReleaseArtifactException("'" + location + "' is not an s3://bucket/key location");
            }
            return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }
}
