package dev.caretaker.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.drift.DriftWorkerHandler;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.json.Json;
import dev.caretaker.local.SqsEventSourcePoller;
import dev.caretaker.orchestrator.OrchestratorHandler;
import dev.caretaker.testing.EmbeddedDynamoDb;
import dev.caretaker.testing.EmbeddedSqs;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.testing.StateTables;
import dev.caretaker.testing.TestCredentials;
import dev.caretaker.testing.WireFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The spine end to end on real engines: a scheduled drift event goes through the orchestrator's
 * Lambda handler, fans out one message per stack on ElasticMQ, and the drift worker's Lambda
 * handler consumes them in batches (through an event-source poller that behaves like Lambda's)
 * together with a poison message and a duplicate. CloudFormation and EventBridge answer with
 * recorded responses over HTTP (WireMock).
 */
class ScheduledDriftEndToEndIT {

    private static final List<String> STACKS = List.of("app-a", "app-b", "app-c", "missing-stack", "flaky-stack");
    private static final int MAX_RECEIVE_COUNT = 3;

    private static EmbeddedDynamoDb dynamo;
    private static EmbeddedSqs sqs;
    private static WireMockServer aws;

    @BeforeAll
    static void startEngines() {
        dynamo = EmbeddedDynamoDb.start();
        sqs = EmbeddedSqs.start();
        aws = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
    }

    @AfterAll
    static void stopEngines() {
        aws.stop();
        sqs.close();
        dynamo.close();
    }

    @Test
    void everyJobEndsInExactlyOneTerminalState_whenScheduledDriftMeetsPoisonAndDuplicate() throws IOException {
        StateTables.createStateTable(dynamo.client(), "caretaker-state");
        StateTables.createIdempotencyTable(dynamo.client(), "caretaker-idempotency");
        String dlqUrl = sqs.client().createQueue(q -> q.queueName("caretaker-drift-dlq")).queueUrl();
        String dlqArn = sqs.client().getQueueAttributes(a -> a.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String driftQueue = sqs.client().createQueue(q -> q.queueName("caretaker-drift").attributes(Map.of(
                // Short enough to keep the test quick; a message still in flight when it lapses comes back as a
                // duplicate, which is exactly what the runtime must absorb.
                QueueAttributeName.VISIBILITY_TIMEOUT, "2",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        String costQueue = sqs.client().createQueue(q -> q.queueName("caretaker-cost")).queueUrl();
        String backupQueue = sqs.client().createQueue(q -> q.queueName("caretaker-backup")).queueUrl();
        stubCloudFormation();
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(WireFixtures.load("eventbridge/PutEvents.json"))));

        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL", aws.baseUrl());
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("STATE_TABLE", "caretaker-state");
        env.put("IDEMPOTENCY_TABLE", "caretaker-idempotency");
        env.put("EVENT_BUS_NAME", "caretaker-acme-dev");
        env.put("NOTIFICATION_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:caretaker-notifications");
        env.put("DRIFT_QUEUE_URL", driftQueue);
        env.put("COST_QUEUE_URL", costQueue);
        env.put("BACKUP_QUEUE_URL", backupQueue);
        env.put("DRIFT_STACKS", String.join(",", STACKS));
        env.put("DEPLOYMENT_STATE_MACHINE_ARN", "arn:aws:states:eu-west-1:123456789012:stateMachine:caretaker-deployment");
        env.put("MAX_RECEIVE_COUNT", Integer.toString(MAX_RECEIVE_COUNT));
        AwsClientFactory clients = new AwsClientFactory(TestCredentials.environment(env), TestCredentials.provider());
        OrchestratorHandler orchestrator = new OrchestratorHandler(clients, Clock.systemUTC());
        DriftWorkerHandler driftWorker = new DriftWorkerHandler(clients);

        // 1. The schedule fires: N work items, one per stack.
        JsonNode outcome = invoke(orchestrator, Path.of("events/schedule-drift.json"));
        List<String> childIds = new ArrayList<>();
        outcome.get("workItems").forEach(id -> childIds.add(id.asText()));
        assertThat(outcome.get("outcome").asText()).isEqualTo("DISPATCHED");
        assertThat(childIds).hasSize(STACKS.size()).doesNotHaveDuplicates();
        assertThat(visibleMessages(driftQueue)).isEqualTo(STACKS.size());

        // 2. The same firing delivered again creates nothing.
        JsonNode again = invoke(orchestrator, Path.of("events/schedule-drift.json"));
        assertThat(again.get("outcome").asText()).isEqualTo("ALREADY_HANDLED");
        assertThat(again.get("jobId").asText()).isEqualTo(outcome.get("jobId").asText());
        assertThat(visibleMessages(driftQueue)).isEqualTo(STACKS.size());

        // 3. A poison message and a duplicate of app-a's work item join the queue.
        sqs.client().sendMessage(m -> m.queueUrl(driftQueue).messageBody("{\"hello\": \"not a work item\"}"));
        String appA = childIds.get(0);
        DynamoDbJobStore jobs = new DynamoDbJobStore(dynamo.client(), "caretaker-state");
        Job appAJob = jobs.find(appA).orElseThrow();
        sqs.client().sendMessage(m -> m.queueUrl(driftQueue).messageBody(
                "{\"jobId\":\"" + appA + "\",\"type\":\"DRIFT_CHECK\",\"target\":\"app-a\",\"correlationId\":\""
                        + appAJob.correlationId() + "\",\"parameters\":{}}"));

        // 4. The worker drains the queue in batches, as Lambda's event source mapping would.
        SqsEventSourcePoller poller = new SqsEventSourcePoller(sqs.client(), driftQueue, TestCredentials.REGION, 10,
                driftWorker::handleRequest);
        List<SqsEventSourcePoller.BatchStats> batches = poller.drain(Duration.ofSeconds(60));
        assertThat(batches.stream().mapToInt(SqsEventSourcePoller.BatchStats::received).sum())
                .as("7 messages, two of them delivered %d times (more if a visibility timeout lapsed)", MAX_RECEIVE_COUNT)
                .isGreaterThanOrEqualTo(7 + 2 * (MAX_RECEIVE_COUNT - 1));

        // 5. Every job is in exactly one terminal state, with the reason where it failed.
        Map<String, Job> byStack = new HashMap<>();
        childIds.forEach(id -> {
            Job job = jobs.find(id).orElseThrow();
            byStack.put(job.target(), job);
        });
        assertThat(byStack.get("app-a").status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(byStack.get("app-a").attempts()).as("the duplicate did not run app-a again").isEqualTo(1);
        assertThat(byStack.get("app-b").status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(byStack.get("app-b").result()).containsEntry("severity", "WARNING");
        assertThat(byStack.get("app-c").status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(byStack.get("app-c").result()).containsEntry("severity", "INFO");
        assertThat(byStack.get("missing-stack").status()).isEqualTo(JobStatus.FAILED);
        assertThat(byStack.get("missing-stack").error()).isEqualTo("stack missing-stack does not exist");
        assertThat(byStack.get("flaky-stack").status()).isEqualTo(JobStatus.FAILED);
        assertThat(byStack.get("flaky-stack").error())
                .startsWith("gave up after " + MAX_RECEIVE_COUNT + " deliveries: CloudFormationException: Rate exceeded");
        assertThat(jobs.find(outcome.get("jobId").asText()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);

        // 6. The poison message and the exhausted one are in the DLQ; the poison's reason is recorded.
        List<String> deadBodies = new ArrayList<>();
        sqs.client().receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().forEach(m -> deadBodies.add(m.body()));
        assertThat(deadBodies).hasSize(2).anySatisfy(body -> assertThat(body).contains("not a work item"))
                .anySatisfy(body -> assertThat(body).contains(byStack.get("flaky-stack").id()));
        List<Map<String, AttributeValue>> deadLetters = dynamo.client().query(q -> q.tableName("caretaker-state")
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DEADLETTER#drift")))).items();
        assertThat(deadLetters).singleElement().satisfies(item ->
                assertThat(item.get("reason").s()).isEqualTo("malformed work item: missing jobId"));

        // 7. One result event per job, none for the duplicate; app-a's drift detection ran once.
        aws.verify(5, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")));
        aws.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DetectStackDrift")).withRequestBody(formField("StackName", "app-a")));
        aws.verify(MAX_RECEIVE_COUNT, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DetectStackDrift")).withRequestBody(formField("StackName", "flaky-stack")));

        // 8. The status API, through the same handler, lists the failed ones newest first.
        JsonNode listing = invoke(orchestrator, httpGet("/jobs", "type=DRIFT_CHECK&status=FAILED"));
        assertThat(listing.get("statusCode").asInt()).isEqualTo(200);
        JsonNode failedJobs = Json.mapper().readTree(listing.get("body").asText()).get("jobs");
        List<String> failedTargets = new ArrayList<>();
        failedJobs.forEach(job -> failedTargets.add(job.get("target").asText()));
        assertThat(failedTargets).containsExactlyInAnyOrder("missing-stack", "flaky-stack");
    }

    private static byte[] httpGet(String path, String query) {
        com.fasterxml.jackson.databind.node.ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", "GET " + path).put("rawPath", path).put("rawQueryString", query);
        com.fasterxml.jackson.databind.node.ObjectNode params = event.putObject("queryStringParameters");
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        event.putObject("headers").put("accept", "application/json");
        event.putObject("requestContext").put("requestId", "e2e-list").putObject("http").put("method", "GET").put("path", path);
        event.put("isBase64Encoded", false);
        return Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void stubCloudFormation() {
        for (String stack : List.of("app-a", "app-b", "app-c")) {
            boolean drifted = stack.equals("app-b");
            String detection = "det-" + stack;
            aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DetectStackDrift"))
                    .withRequestBody(formField("StackName", stack)).willReturn(xml(200,
                            WireFixtures.load("cloudformation/DetectStackDrift.xml", Map.of("detectionId", detection)))));
            aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStackDriftDetectionStatus"))
                    .withRequestBody(formField("StackDriftDetectionId", detection)).willReturn(xml(200,
                            WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus.xml", Map.of(
                                    "stack", stack, "detectionId", detection, "detectionStatus", "DETECTION_COMPLETE",
                                    "stackDriftStatus", drifted ? "DRIFTED" : "IN_SYNC", "driftedCount", drifted ? "1" : "0")))));
            aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStackResourceDrifts"))
                    .withRequestBody(formField("StackName", stack)).willReturn(xml(200, WireFixtures.load(
                            drifted ? "cloudformation/DescribeStackResourceDrifts-modified-bucket.xml"
                                    : "cloudformation/DescribeStackResourceDrifts-none.xml", Map.of("stack", stack)))));
        }
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DetectStackDrift"))
                .withRequestBody(formField("StackName", "missing-stack")).willReturn(xml(400, WireFixtures.load(
                        "cloudformation/Error.xml", Map.of("code", "ValidationError",
                                "message", "Stack with id missing-stack does not exist")))));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DetectStackDrift"))
                .withRequestBody(formField("StackName", "flaky-stack")).willReturn(xml(400, WireFixtures.load(
                        "cloudformation/Error.xml", Map.of("code", "Throttling", "message", "Rate exceeded")))));
    }


    private static int visibleMessages(String queueUrl) {
        return Integer.parseInt(sqs.client().getQueueAttributes(a -> a.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static JsonNode invoke(OrchestratorHandler handler, Path eventFile) throws IOException {
        return invoke(handler, Files.readAllBytes(RepoRoot.find().resolve(eventFile)));
    }

    private static JsonNode invoke(OrchestratorHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.ByteArrayInputStream(event)) {
            handler.handleRequest(in, out, null);
        }
        return Json.mapper().readTree(out.toByteArray());
    }
}
