package dev.caretaker.local.engines;

import dev.caretaker.local.LocalAccount;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/**
 * ElasticMQ, an SQS implementation, on loopback. Queue ARNs carry the local account and region,
 * so a redrive policy written with them points where the template says.
 */
final class ElasticMqEngine implements RunningEngine {

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMqEngine(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static ElasticMqEngine start(int port, LocalAccount account) {
        TheSQSRestServerBuilder builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
        SQSRestServer server = builder.withInterface(LOOPBACK)
                .withAWSRegion(account.region())
                .withAWSAccountId(account.accountId())
                .start();
        try {
            int actual = server.waitUntilStarted().localAddress().getPort();
            return new ElasticMqEngine(server, URI.create("http://" + LOOPBACK + ":" + actual));
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void stop() {
        server.stopAndWait();
    }
}
