package dev.caretaker.local.engines;

import dev.caretaker.local.LocalAccount;
import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * s3proxy, an S3-compatible server, in memory, on loopback, checking signatures made with the
 * local account's keys. Clients need path-style addressing: a loopback address has no bucket
 * subdomains.
 */
final class S3ProxyEngine implements RunningEngine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy server;
    private final URI endpoint;

    private S3ProxyEngine(S3Proxy server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static S3ProxyEngine start(int port, LocalAccount account) throws Exception {
        S3Proxy server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://" + LOOPBACK + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, account.accessKeyId(), account.secretAccessKey())
                .build();
        try {
            server.start();
            // start() returns before Jetty is listening; its state says when it is.
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(server.getState())) {
                if ("FAILED".equals(server.getState())) {
                    throw new IllegalStateException("s3proxy reports FAILED");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not started within " + START_TIMEOUT.toSeconds() + " s: " + server.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new S3ProxyEngine(server, URI.create("http://" + LOOPBACK + ":" + server.getPort()));
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
