package dev.caretaker.local.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.caretaker.testing.QueryProtocol.formField;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caretaker.json.Json;
import dev.caretaker.testing.WireFixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * LocalStack's SNS, Secrets Manager and SQS answers (recorded responses, one endpoint for all, as
 * LocalStack has) for the calls {@link LocalStackSupport} makes, and what it was asked.
 */
public final class RecordedLocalStack {

    public static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:caretaker/local/dev/webhooks-Xy12Ab";
    public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:000000000000:caretaker-local-notifications";
    public static final String SUBSCRIPTION_ARN = TOPIC_ARN + ":6b0e71bd-7e97-4d97-80ce-4a0994e55286";
    public static final String QUEUE_URL =
            "http://sqs.eu-west-1.localhost.localstack.cloud:4566/000000000000/caretaker-local-notifications-1a2b3c4d";
    public static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:000000000000:caretaker-local-notifications-1a2b3c4d";

    private static final String SQS_JSON = "application/x-amz-json-1.0";
    private static final String SECRETS_JSON = "application/x-amz-json-1.1";

    private final WireMockExtension server;

    public RecordedLocalStack(WireMockExtension server) {
        this.server = server;
    }

    public static MappingBuilder secretsManager(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager." + operation));
    }

    public static MappingBuilder sqs(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS." + operation));
    }

    public static MappingBuilder sns(String action) {
        return post(urlEqualTo("/")).withRequestBody(formField("Action", action));
    }

    public void answer(MappingBuilder request, int status, String contentType, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    public void answerSecretsManager(String operation, int status, String body) {
        answer(secretsManager(operation), status, SECRETS_JSON, body);
    }

    public void answerSns(String action, int status, String body) {
        answer(sns(action), status, "text/xml", body);
    }

    /** CreateSecret succeeds. */
    public void secretCreated() {
        answerSecretsManager("CreateSecret", 200, WireFixtures.load("secretsmanager/CreateSecret.json",
                Map.of("arn", SECRET_ARN, "name", SupportServices.WEBHOOK_SECRET_NAME)));
    }

    /** The topic, the queue, its policy and subscription, reading an empty queue and the clean-up all succeed. */
    public void topicAndQueueCreated() {
        answerSns("CreateTopic", 200, WireFixtures.load("sns/CreateTopic.xml", Map.of("topicArn", TOPIC_ARN)));
        answerSns("Subscribe", 200, WireFixtures.load("sns/Subscribe.xml", Map.of("subscriptionArn", SUBSCRIPTION_ARN)));
        answerSns("Unsubscribe", 200, WireFixtures.load("sns/Unsubscribe.xml"));
        answer(sqs("CreateQueue"), 200, SQS_JSON, WireFixtures.load("sqs/CreateQueue.json", Map.of("queueUrl", QUEUE_URL)));
        answer(sqs("GetQueueAttributes"), 200, SQS_JSON, WireFixtures.load("sqs/GetQueueAttributes-QueueArn.json",
                Map.of("queueArn", QUEUE_ARN)));
        answer(sqs("SetQueueAttributes"), 200, SQS_JSON, WireFixtures.load("sqs/Empty.json"));
        answer(sqs("DeleteMessage"), 200, SQS_JSON, WireFixtures.load("sqs/Empty.json"));
        answer(sqs("DeleteQueue"), 200, SQS_JSON, WireFixtures.load("sqs/Empty.json"));
        // An empty long poll answers after its wait; a short pause here keeps the reader from spinning.
        server.stubFor(sqs("ReceiveMessage").willReturn(aResponse().withStatus(200).withHeader("Content-Type", SQS_JSON)
                .withFixedDelay(100).withBody(WireFixtures.load("sqs/ReceiveMessage-empty.json"))));
    }

    /** SNS's envelope around one notification on the queue, delivered {@code times} times (SNS delivers at least once). */
    public void queueHolds(String snsMessageId, String subject, String message, String timestamp, int times) {
        String envelope = Json.write(Map.of("Type", "Notification", "MessageId", snsMessageId, "TopicArn", TOPIC_ARN,
                "Subject", subject, "Message", message, "Timestamp", timestamp, "SignatureVersion", "1",
                "Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
                "SigningCertURL", "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem"));
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "delivered-" + i;
            server.stubFor(sqs("ReceiveMessage").inScenario("queue").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", SQS_JSON)
                            .withBody(WireFixtures.load("sqs/ReceiveMessage.json", Map.of("sqsMessageId", "sqs-" + i,
                                    "receiptHandle", "handle-" + i, "md5OfBody", md5(envelope), "body", Json.write(envelope))))));
            state = next;
        }
    }

    /** The JSON-protocol calls made with {@code X-Amz-Target: target}, oldest first. */
    public List<LoggedRequest> target(String target) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    }

    /** The query-protocol calls of {@code action}, oldest first. */
    public List<LoggedRequest> action(String action) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(formField("Action", action)));
    }

    public static JsonNode body(LoggedRequest request) {
        return Json.read(request.getBodyAsString(), JsonNode.class);
    }

    /** SQS sends it with every message and the SDK checks it. */
    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
