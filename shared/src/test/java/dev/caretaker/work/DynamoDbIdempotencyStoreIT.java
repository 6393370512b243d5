package dev.caretaker.work;

import dev.caretaker.testing.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {

    private static EmbeddedDynamoDb engine;

    @BeforeAll
    static void startEngine() {
        engine = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Override
    protected DynamoDbClient dynamoDb() {
        return engine.client();
    }
}
