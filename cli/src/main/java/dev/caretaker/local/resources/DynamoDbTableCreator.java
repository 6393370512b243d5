package dev.caretaker.local.resources;

import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** {@link TableCreator} on DynamoDB (Local): CreateTable, then UpdateTimeToLive where the template enables TTL. */
public final class DynamoDbTableCreator implements TableCreator {

    private final DynamoDbClient dynamoDb;

    public DynamoDbTableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    }

    @Override
    public LocalResource create(TableDefinition table) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .attributeDefinitions(table.attributes().stream()
                        .map(attribute -> AttributeDefinition.builder().attributeName(attribute.name()).attributeType(attribute.type()).build())
                        .toList())
                .keySchema(table.keySchema().stream().map(DynamoDbTableCreator::key).toList());
        if (table.payPerRequest()) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(table.provisionedThroughput().orElseThrow()));
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream().map(DynamoDbTableCreator::index).toList());
        }
        TableDescription created;
        try {
            created = dynamoDb.createTable(request.build()).tableDescription();
        } catch (ResourceInUseException alreadyThere) {
            // Engines that outlive one run (a second `local` against the same engines) already hold it.
            created = dynamoDb.describeTable(describe -> describe.tableName(table.tableName())).table();
        }
        table.timeToLiveAttribute().ifPresent(attribute -> enableTimeToLive(table.tableName(), attribute));
        return LocalResource.table(table.logicalId(), table.tableName(), created.tableArn());
    }

    private void enableTimeToLive(String tableName, String attribute) {
        TimeToLiveDescription current = dynamoDb.describeTimeToLive(describe -> describe.tableName(tableName)).timeToLiveDescription();
        // DynamoDB refuses to enable TTL twice: a table created by an earlier run already has it.
        if (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED && attribute.equals(current.attributeName())) {
            return;
        }
        dynamoDb.updateTimeToLive(ttl -> ttl.tableName(tableName)
                .timeToLiveSpecification(spec -> spec.attributeName(attribute).enabled(true)));
    }

    private static GlobalSecondaryIndex index(TableDefinition.Index index) {
        GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(index.keySchema().stream().map(DynamoDbTableCreator::key).toList())
                .projection(projection -> {
                    projection.projectionType(index.projectionType());
                    if (!index.nonKeyAttributes().isEmpty()) {
                        projection.nonKeyAttributes(index.nonKeyAttributes());
                    }
                });
        index.provisionedThroughput().ifPresent(throughput -> builder.provisionedThroughput(throughput(throughput)));
        return builder.build();
    }

    private static KeySchemaElement key(TableDefinition.KeyElement key) {
        return KeySchemaElement.builder().attributeName(key.attributeName()).keyType(key.keyType()).build();
    }

    private static ProvisionedThroughput throughput(TableDefinition.Throughput throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.readCapacityUnits())
                .writeCapacityUnits(throughput.writeCapacityUnits())
                .build();
    }
}
