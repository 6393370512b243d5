package dev.caretaker.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local for a contract test class, started before the class and stopped after it.
 * The LocalStack twins keep their own lifecycle: a static extension field would initialise the
 * class, and with it the container, before Testcontainers can skip the class for want of Docker.
 */
public final class DynamoDbBackend implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Running> starter;
    private Running running;

    private DynamoDbBackend(Supplier<Running> starter) {
        this.starter = starter;
    }

    public static DynamoDbBackend embedded() {
        return new DynamoDbBackend(() -> {
            EmbeddedDynamoDb engine = EmbeddedDynamoDb.start();
            return new Running(engine.client(), engine);
        });
    }

    public DynamoDbClient client() {
        if (running == null) {
            throw new IllegalStateException("DynamoDbBackend is used outside the test class it is registered on");
        }
        return running.client();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (running != null) {
            running.resources().close();
            running = null;
        }
    }

    private record Running(DynamoDbClient client, AutoCloseable resources) {
    }
}
