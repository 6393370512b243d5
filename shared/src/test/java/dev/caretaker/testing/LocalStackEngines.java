package dev.caretaker.testing;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The LocalStack backend of the contract tests; used only where a Docker engine runs. */
public final class LocalStackEngines {

    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.10");

    private LocalStackEngines() {
    }

    public static LocalStackContainer container() {
        return new LocalStackContainer(IMAGE).withServices(Service.DYNAMODB, Service.SQS, Service.S3, Service.SNS,
                LocalStackContainer.EnabledService.named("events"));
    }

    public static DynamoDbClient dynamoDb(LocalStackContainer localstack) {
        return client(DynamoDbClient.builder(), localstack);
    }

    public static SqsClient sqs(LocalStackContainer localstack) {
        return client(SqsClient.builder(), localstack);
    }

    /** Any client pointed at the container; the builder may carry its own settings (interceptors, say) already. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            LocalStackContainer localstack) {
        return builder.endpointOverride(localstack.getEndpoint())
                .region(Region.of(localstack.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
