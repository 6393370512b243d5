package dev.caretaker.testing;

import static dev.caretaker.job.DynamoDbJobStore.ALL_KEY;
import static dev.caretaker.job.DynamoDbJobStore.CREATED;
import static dev.caretaker.job.DynamoDbJobStore.INDEX_BY_CREATED;
import static dev.caretaker.job.DynamoDbJobStore.INDEX_BY_STATUS;
import static dev.caretaker.job.DynamoDbJobStore.INDEX_BY_TYPE;
import static dev.caretaker.job.DynamoDbJobStore.INDEX_BY_TYPE_STATUS;
import static dev.caretaker.job.DynamoDbJobStore.PK;
import static dev.caretaker.job.DynamoDbJobStore.SK;
import static dev.caretaker.job.DynamoDbJobStore.STATUS_KEY;
import static dev.caretaker.job.DynamoDbJobStore.TYPE_KEY;
import static dev.caretaker.job.DynamoDbJobStore.TYPE_STATUS_KEY;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the state and idempotency tables as template.yaml declares them. TemplateTest checks
 * that the template's key and index names are the ones used here and in DynamoDbJobStore.
 */
public final class StateTables {

    private StateTables() {
    }

    public static void createStateTable(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(PK), string(SK), string(CREATED), string(TYPE_STATUS_KEY),
                        string(TYPE_KEY), string(STATUS_KEY), string(ALL_KEY))
                .keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(
                        index(INDEX_BY_TYPE_STATUS, TYPE_STATUS_KEY),
                        index(INDEX_BY_TYPE, TYPE_KEY),
                        index(INDEX_BY_STATUS, STATUS_KEY),
                        index(INDEX_BY_CREATED, ALL_KEY)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    public static void createIdempotencyTable(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("id"))
                .keySchema(hash("id")));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static GlobalSecondaryIndex index(String name, String hashKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(List.of(hash(hashKey), range(CREATED)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
