package dev.caretaker.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** ElasticMQ (an SQS implementation) in this JVM on a dynamic loopback port. */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = newClient(SqsClient.builder());
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /** A client of its own, from a builder that may carry settings of its own (interceptors that watch requests, say). */
    public SqsClient newClient(SqsClientBuilder builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(TestCredentials.REGION))
                .credentialsProvider(TestCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
