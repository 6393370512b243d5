package dev.caretaker.job;

import dev.caretaker.testing.DynamoDbBackend;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbJobStoreIT extends JobStoreContract {

    @RegisterExtension
    static final DynamoDbBackend BACKEND = DynamoDbBackend.embedded();

    @Override
    protected DynamoDbClient dynamoDb() {
        return BACKEND.client();
    }
}
