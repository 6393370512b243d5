package dev.caretaker.local.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.local.support.RecordedLocalStack.QUEUE_ARN;
import static dev.caretaker.local.support.RecordedLocalStack.QUEUE_URL;
import static dev.caretaker.local.support.RecordedLocalStack.SECRET_ARN;
import static dev.caretaker.local.support.RecordedLocalStack.SUBSCRIPTION_ARN;
import static dev.caretaker.local.support.RecordedLocalStack.TOPIC_ARN;
import static dev.caretaker.local.support.RecordedLocalStack.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.caretaker.json.Json;
import dev.caretaker.local.FormFields;
import dev.caretaker.local.LocalClients;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.testing.WireFixtures;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --backend localstack}'s SNS, Secrets Manager and SSM at the wire: the calls made to
 * LocalStack (here recorded responses on its one endpoint) to create the webhook secret, the topic and
 * a queue subscribed to it, the notifications read back from that queue, and the clean-up.
 */
class LocalStackSupportTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final RecordedLocalStack localStack = new RecordedLocalStack(SERVER);
    private final List<Notification> told = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private LocalStackSupport start() {
        URI endpoint = URI.create(SERVER.baseUrl());
        return LocalStackSupport.start(endpoint, LocalClients.at(endpoint), Map.of("vendor", "s3cret"),
                Clock.fixed(NOW, ZoneOffset.UTC), told::add, problems::add);
    }

    /** Waits (generously: this is not about speed) for something the reader thread does. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    @Test
    void createsTheSecretTheTopicAndASubscribedQueueThere_andAnswersOnLocalStacksEndpoint() {
        localStack.secretCreated();
        localStack.topicAndQueueCreated();

        try (LocalStackSupport support = start()) {
            assertThat(support.endpoint()).isEqualTo(URI.create(SERVER.baseUrl()));
            assertThat(support.webhookSecretId()).isEqualTo(SECRET_ARN);
            assertThat(support.topicArn()).isEqualTo(TOPIC_ARN);
            assertThat(support.description()).startsWith("LocalStack at " + SERVER.baseUrl() + " for SNS (topic " + TOPIC_ARN
                    + ", read back through SQS queue caretaker-local-notifications-");
        }

        JsonNode secret = body(localStack.target("secretsmanager.CreateSecret").getFirst());
        assertThat(secret.path("Name").asText()).isEqualTo("caretaker/local/dev/webhooks");
        assertThat(Json.read(secret.path("SecretString").asText(), Map.class)).isEqualTo(Map.of("vendor", "s3cret"));
        assertThat(FormFields.parse(localStack.action("CreateTopic").getFirst().getBodyAsString()))
                .containsEntry("Name", "caretaker-local-notifications");
        assertThat(body(localStack.target("AmazonSQS.CreateQueue").getFirst()).path("QueueName").asText())
                .matches("caretaker-local-notifications-[0-9a-f]{8}");
        JsonNode policy = Json.read(body(localStack.target("AmazonSQS.SetQueueAttributes").getFirst())
                .at("/Attributes/Policy").asText(), JsonNode.class);
        assertThat(policy.at("/Statement/0/Resource").asText()).isEqualTo(QUEUE_ARN);
        assertThat(policy.at("/Statement/0/Condition/ArnEquals/aws:SourceArn").asText()).isEqualTo(TOPIC_ARN);
        assertThat(FormFields.parse(localStack.action("Subscribe").getFirst().getBodyAsString()))
                .containsEntry("TopicArn", TOPIC_ARN).containsEntry("Protocol", "sqs").containsEntry("Endpoint", QUEUE_ARN);
        assertThat(FormFields.parse(localStack.action("Unsubscribe").getFirst().getBodyAsString()))
                .as("closing removes this run's subscription").containsEntry("SubscriptionArn", SUBSCRIPTION_ARN);
        assertThat(localStack.target("AmazonSQS.DeleteQueue")).singleElement()
                .satisfies(request -> assertThat(body(request).path("QueueUrl").asText()).isEqualTo(QUEUE_URL));
        assertThat(problems).isEmpty();
    }

    @Test
    void readsEachNotificationBackOnce_fromTheQueueSubscribedToTheTopic() throws Exception {
        localStack.secretCreated();
        localStack.topicAndQueueCreated();
        localStack.queueHolds("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", "[CRITICAL] DriftCheckCompleted: billing",
                "{\"detail-type\":\"DriftCheckCompleted\"}", "2026-11-22T00:59:58.123Z", 2);

        try (LocalStackSupport support = start()) {
            // Both deliveries read and deleted; the second, of the same message, adds nothing.
            await(() -> localStack.target("AmazonSQS.DeleteMessage").size() >= 2);

            assertThat(support.notifications()).singleElement().isEqualTo(new Notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                    TOPIC_ARN, "[CRITICAL] DriftCheckCompleted: billing", "{\"detail-type\":\"DriftCheckCompleted\"}",
                    Instant.parse("2026-11-22T00:59:58.123Z")));
            assertThat(told).hasSize(1);
        }
        assertThat(localStack.target("AmazonSQS.DeleteMessage")).extracting(request -> body(request).path("ReceiptHandle").asText())
                .containsExactly("handle-0", "handle-1");
        assertThat(localStack.target("AmazonSQS.ReceiveMessage")).allSatisfy(request ->
                assertThat(body(request).path("QueueUrl").asText()).isEqualTo(QUEUE_URL));
        assertThat(problems).isEmpty();
    }

    @Test
    void givesTheSecretANewVersion_whenAnEarlierRunCreatedIt() {
        localStack.answerSecretsManager("CreateSecret", 400, WireFixtures.load("secretsmanager/ResourceExistsException.json",
                Map.of("name", SupportServices.WEBHOOK_SECRET_NAME)));
        localStack.answerSecretsManager("PutSecretValue", 200, WireFixtures.load("secretsmanager/PutSecretValue.json",
                Map.of("arn", SECRET_ARN, "name", SupportServices.WEBHOOK_SECRET_NAME)));
        localStack.topicAndQueueCreated();

        try (LocalStackSupport support = start()) {
            assertThat(support.webhookSecretId()).isEqualTo(SECRET_ARN);
        }

        JsonNode put = body(localStack.target("secretsmanager.PutSecretValue").getFirst());
        assertThat(put.path("SecretId").asText()).isEqualTo("caretaker/local/dev/webhooks");
        assertThat(Json.read(put.path("SecretString").asText(), Map.class)).isEqualTo(Map.of("vendor", "s3cret"));
    }

    @Test
    void failsNamingWhatLocalStackRefused_andLeavesNoQueueBehind_whenTheSubscriptionIsRefused() {
        localStack.secretCreated();
        localStack.topicAndQueueCreated();
        localStack.answerSns("Subscribe", 400, WireFixtures.load("sns/Error-InvalidParameter.xml",
                Map.of("message", "Invalid parameter: Endpoint")));

        assertThatThrownBy(this::start)
                .isInstanceOf(LocalStackRefusedException.class)
                .hasMessageStartingWith("SNS and SQS at " + SERVER.baseUrl() + " cannot set up the notification topic"
                        + " caretaker-local-notifications and a queue subscribed to it: Invalid parameter: Endpoint");
        assertThat(localStack.target("AmazonSQS.DeleteQueue")).singleElement()
                .satisfies(request -> assertThat(body(request).path("QueueUrl").asText()).isEqualTo(QUEUE_URL));
    }

    @Test
    void failsNamingSecretsManager_whenLocalStackDoesNotRunIt() {
        localStack.answerSecretsManager("CreateSecret", 501, "{\"__type\":\"InternalFailure\",\"message\":\"Service"
                + " 'secretsmanager' is not enabled. Please check your 'SERVICES' configuration variable.\"}");

        assertThatThrownBy(this::start)
                .isInstanceOf(LocalStackRefusedException.class)
                .hasMessageStartingWith("Secrets Manager at " + SERVER.baseUrl() + " cannot store the webhook secret"
                        + " caretaker/local/dev/webhooks: Service 'secretsmanager' is not enabled");
        assertThat(localStack.target("AmazonSQS.CreateQueue")).as("nothing else was created").isEmpty();
    }
}
