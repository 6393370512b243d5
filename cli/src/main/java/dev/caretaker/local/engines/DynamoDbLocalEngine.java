package dev.caretaker.local.engines;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local, in memory, on loopback only. It keeps one database per access key and region,
 * so every client uses the local account's ({@link dev.caretaker.local.LocalAccount}).
 *
 * <p>Its own {@code ServerRunner} listens on every interface (an unauthenticated database open to
 * the network) and cannot take port 0. So the request handler it would build is mounted on a Jetty
 * server of our own, bound to 127.0.0.1, where port 0 works and the port is known without a race.
 * Built this way, DynamoDB Local's telemetry is never configured, so it sends none.
 */
final class DynamoDbLocalEngine implements RunningEngine {

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private DynamoDbLocalEngine(Server jetty, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.jetty = jetty;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    static DynamoDbLocalEngine start(int port) throws Exception {
        // (port, inMemory, dbPath, sharedDb, delayTransientStatuses), as ServerRunner passes them for -inMemory.
        // Not -sharedDb, though it would spare clients from having to use the local account's keys and region:
        // with it, DynamoDB Local 2.6's TTL sweeper fails every 10 s (NullPointerException in ScanFunction).
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, true, null, false, false), null);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        jetty.setHandler(new ContextHandlerCollection(context));
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            handler.close();
            throw e;
        }
        return new DynamoDbLocalEngine(jetty, handler, URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort()));
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void stop() throws Exception {
        try {
            jetty.stop();
        } finally {
            handler.close();
        }
    }
}
