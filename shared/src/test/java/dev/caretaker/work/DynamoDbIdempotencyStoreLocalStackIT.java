package dev.caretaker.work;

import dev.caretaker.testing.LocalStackEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Testcontainers(disabledWithoutDocker = true)
class DynamoDbIdempotencyStoreLocalStackIT extends IdempotencyStoreContract {

    @Container
    private static final LocalStackContainer LOCALSTACK = LocalStackEngines.container();

    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = LocalStackEngines.dynamoDb(LOCALSTACK);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected DynamoDbClient dynamoDb() {
        return client;
    }
}
