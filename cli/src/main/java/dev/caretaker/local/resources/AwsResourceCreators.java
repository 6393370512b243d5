package dev.caretaker.local.resources;

import dev.caretaker.aws.AwsClientFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The engine adapters, on clients from an {@link AwsClientFactory} whose environment points at the local engines. */
public final class AwsResourceCreators {

    private AwsResourceCreators() {
    }

    /** {@code clients} must carry the engines' endpoints (EngineEndpoints.environment()); S3 is addressed path-style. */
    public static ResourceCreators using(AwsClientFactory clients) {
        return new ResourceCreators(
                new DynamoDbTableCreator(clients.build(DynamoDbClient.builder(), "DYNAMODB")),
                new SqsQueueCreator(clients.build(SqsClient.builder(), "SQS")),
                new S3BucketCreator(clients.s3()));
    }
}
