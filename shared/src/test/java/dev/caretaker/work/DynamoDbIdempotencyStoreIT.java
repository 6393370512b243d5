package dev.caretaker.work;

import dev.caretaker.testing.DynamoDbBackend;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {

    @RegisterExtension
    static final DynamoDbBackend BACKEND = DynamoDbBackend.embedded();

    @Override
    protected DynamoDbClient dynamoDb() {
        return BACKEND.client();
    }
}
