package dev.caretaker.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalBackend;
import dev.caretaker.local.LocalClients;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.testing.LocalStackEngines;
import java.util.List;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The same day in the life with everything LocalStack runs that Caretaker uses in LocalStack
 * ({@code caretaker local --backend localstack}): DynamoDB, SQS and S3, and SNS, Secrets Manager and
 * SSM — the demo's notification checks pass only if what the functions published to LocalStack's
 * topic was read back from it.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalDemoLocalStackIT extends LocalDemoIT {

    @Container
    private static final LocalStackContainer LOCALSTACK = LocalStackEngines.container().withServices(Service.SECRETSMANAGER, Service.SSM);

    @Override
    protected LocalBackend backend() {
        return new LocalBackend.LocalStack(LOCALSTACK.getEndpoint());
    }

    /** Asked of LocalStack itself, as the local system's own account (its region and keys). */
    @Override
    protected void assertTheBackendAnswered(LocalSystem system, List<String> progress) {
        String topicArn = system.resources().get("NotificationTopic").physicalName();
        String secretArn = system.resources().get("WebhookSecret").physicalName();
        AwsClientFactory localStack = LocalClients.at(LOCALSTACK.getEndpoint());
        try (SecretsManagerClient secrets = localStack.build(SecretsManagerClient.builder(), "SECRETSMANAGER");
             SsmClient ssm = localStack.build(SsmClient.builder(), "SSM");
             SnsClient sns = localStack.build(SnsClient.builder(), "SNS")) {
            JsonNode webhookSecrets = Json.read(secrets.getSecretValue(request -> request.secretId(secretArn)).secretString(),
                    JsonNode.class);
            assertThat(webhookSecrets.path(LocalSystem.WEBHOOK_SOURCE).asText()).isEqualTo(system.webhookSecret());

            Parameter configuration = ssm.getParameter(request -> request.name(system.configurationParameter())
                    .withDecryption(true)).parameter();
            assertThat(configuration.version()).as("seeded, then the demo's invalid and corrected pushes").isGreaterThanOrEqualTo(3);

            assertThat(sns.listTopics().topics()).anySatisfy(topic -> assertThat(topic.topicArn()).isEqualTo(topicArn));
            assertThat(sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn)).subscriptions())
                    .anySatisfy(subscription -> assertThat(subscription.protocol()).isEqualTo("sqs"));
        }
        assertThat(progress).anyMatch(line -> line.startsWith("using LocalStack at " + LOCALSTACK.getEndpoint()
                + " for DynamoDB, SQS, S3, SNS, Secrets Manager and SSM; the sandbox account for CloudFormation"));
        assertThat(progress).anyMatch(line -> line.startsWith("LocalStack at " + LOCALSTACK.getEndpoint() + " for SNS (topic "
                + topicArn + ", read back through SQS queue "));
        assertThat(progress).noneMatch(line -> line.startsWith("stand-ins for SNS"));
        assertThat(system.notifications()).isNotEmpty()
                .allSatisfy(notification -> assertThat(notification.topicArn()).isEqualTo(topicArn));
    }
}
