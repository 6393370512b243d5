package dev.caretaker.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3-compatible server (s3proxy) in this JVM, in memory, on a free loopback port. It checks
 * SHA-256 on upload but does not echo checksums back, so tests verify manifests against the
 * bytes they read, not against what the server reports.
 *
 * <p>s3proxy runs on Jackson 3, which needs jackson-annotations 2.22 on the test classpath; a
 * module using this fixture swaps it in for its test runtime (see functions/backup-worker/pom.xml).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy server;
    private final URI endpoint;
    private final S3Client client;

    private EmbeddedS3(S3Proxy server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = newClient(S3Client.builder());
    }

    public static EmbeddedS3 start() {
        S3Proxy server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, TestCredentials.ACCESS_KEY, TestCredentials.SECRET_KEY)
                .build();
        try {
            server.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(server.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT + ": " + server.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new EmbeddedS3(server, URI.create("http://127.0.0.1:" + server.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The shared client; path-style addressing, since a loopback address has no bucket subdomains. */
    public S3Client client() {
        return client;
    }

    /** A client of its own, from a builder that may carry settings of its own (interceptors that watch requests, say). */
    public S3Client newClient(S3ClientBuilder builder) {
        return builder.endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(TestCredentials.REGION))
                .credentialsProvider(TestCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
