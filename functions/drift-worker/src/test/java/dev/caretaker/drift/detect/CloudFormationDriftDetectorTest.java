package dev.caretaker.drift.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caretaker.drift.budget.RateBudget;
import dev.caretaker.drift.report.DifferenceType;
import dev.caretaker.drift.report.DriftExplainer;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.PropertyDifference;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Drift detection against recorded CloudFormation responses (query protocol: form-encoded
 * requests, XML responses), every call the detector makes: DetectStackDrift,
 * DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts and DetectStackResourceDrift,
 * with throttling and per-resource "Rate exceeded". The SDK's own retries are off (WireClients), so
 * every retry counted here is the detector's; the sleeper records pauses instead of sleeping.
 */
class CloudFormationDriftDetectorTest {

    private static final String STACK = "app-b";
    private static final String DETECTION = "e5a3b9c0-c6d1-11f0-8a4b-0a1b2c3d4e5f";
    private static final Duration BUDGET = Duration.ofMinutes(4);
    private static final DetectionPolicy POLICY =
            new DetectionPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 2);

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokens = new AtomicInteger();
    private CloudFormationClient client;
    private CloudFormationDriftDetector detector;

    @BeforeEach
    void connect() {
        client = WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
        RateBudget counting = new RateBudget() {
            @Override
            public Duration acquire() {
                tokens.incrementAndGet();
                return Duration.ofMillis(250);
            }

            @Override
            public double callsPerSecond() {
                return 4;
            }

            @Override
            public double burst() {
                return 1;
            }
        };
        detector = new CloudFormationDriftDetector(client, counting, pauses::add,
                Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC), POLICY);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    // --- recorded CloudFormation behaviour -------------------------------------------------

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(formField("Action", action));
    }

    private static void detectionStarts(String stack, String detectionId) {
        AWS.stubFor(action("DetectStackDrift").withRequestBody(formField("StackName", stack))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DetectStackDrift.xml", Map.of("detectionId", detectionId)))));
    }

    private static String status(String stack, String detectionStatus, String stackDriftStatus, int drifted) {
        return WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus.xml", Map.of("stack", stack,
                "detectionId", DETECTION, "detectionStatus", detectionStatus, "stackDriftStatus", stackDriftStatus,
                "driftedCount", Integer.toString(drifted)));
    }

    private static String throttling() {
        return WireFixtures.load("cloudformation/Error.xml", Map.of("code", "Throttling", "message", "Rate exceeded"));
    }

    /** The action answers with each (status, body) in turn, then keeps answering with the last. */
    private static void answersInTurn(String scenario, Supplier<MappingBuilder> request, List<Map.Entry<Integer, String>> answers) {
        for (int i = 0; i < answers.size(); i++) {
            ScenarioMappingBuilder stub = request.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + "-" + i);
            if (i + 1 < answers.size()) {
                stub = stub.willSetStateTo(scenario + "-" + (i + 1));
            }
            AWS.stubFor(stub.willReturn(xml(answers.get(i).getKey(), answers.get(i).getValue())));
        }
    }

    private static void detectionReports(String... bodies) {
        List<Map.Entry<Integer, String>> answers = new ArrayList<>();
        for (String body : bodies) {
            answers.add(Map.entry(200, body));
        }
        answersInTurn("status", () -> action("DescribeStackDriftDetectionStatus").withRequestBody(formField("StackDriftDetectionId", DETECTION)),
                answers);
    }

    private static void resourceDrifts(String stack, String fixture, Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("stack", stack);
        AWS.stubFor(action("DescribeStackResourceDrifts").withRequestBody(formField("StackName", stack))
                .willReturn(xml(200, WireFixtures.load(fixture, all))));
    }

    /** Every request sent, decoded, oldest first. */
    private static List<Map<String, String>> sent() {
        List<Map<String, String>> requests = new ArrayList<>();
        AWS.getAllServeEvents().forEach(event -> requests.add(0, QueryProtocol.fields(event.getRequest().getBodyAsString())));
        return requests;
    }

    private static List<String> actions() {
        return sent().stream().map(fields -> fields.get("Action")).toList();
    }

    private static void inSyncStack() {
        detectionStarts(STACK, DETECTION);
        detectionReports(status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-none.xml", Map.of());
    }

    // --- scenarios -------------------------------------------------------------------------

    @Test
    void reportsNoResourcesAndNoProblems_whenStackHasNotDrifted() throws Exception {
        inSyncStack();

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(detection.stacks()).containsExactly(StackDrift.root(STACK, List.of(), List.of()));
        assertThat(pauses).isEmpty();
        assertThat(actions()).containsExactly("DetectStackDrift", "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
    }

    @Test
    void sendsStackNameDetectionIdAndPageSize_andAsksForEveryStatus() throws Exception {
        inSyncStack();

        detector.detect(STACK, BUDGET);

        List<Map<String, String>> sent = sent();
        assertThat(sent).allSatisfy(fields -> assertThat(fields).containsEntry("Version", "2010-05-15"));
        assertThat(sent.get(0)).containsEntry("StackName", STACK).doesNotContainKey("LogicalResourceIds.member.1");
        assertThat(sent.get(1)).containsEntry("StackDriftDetectionId", DETECTION);
        // Every status: unchecked resources and nested stacks are part of the answer, not only drift.
        assertThat(sent.get(2)).containsEntry("StackName", STACK).containsEntry("MaxResults", "100")
                .doesNotContainKey("StackResourceDriftStatusFilters.member.1").doesNotContainKey("NextToken");
    }

    @Test
    void takesOneBudgetTokenPerCall_andReportsTimeAgainstTheBudget() throws Exception {
        inSyncStack();

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(tokens.get()).isEqualTo(3).isEqualTo(AWS.getAllServeEvents().size());
        assertThat(detection.calls().calls()).isEqualTo(3);
        assertThat(detection.calls().waitedForBudget()).isEqualTo(Duration.ofMillis(750));
        // the first call at once, the other two 250 ms apart
        assertThat(detection.calls().minimumAtBudget()).isEqualTo(Duration.ofMillis(500));
        assertThat(detection.calls().throttled()).isZero();
    }

    @Test
    void parsesDifferencesIntoJsonValues_whenAResourceIsModified() throws Exception {
        detectionStarts(STACK, DETECTION);
        detectionReports(status(STACK, "DETECTION_COMPLETE", "DRIFTED", 1));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-modified-bucket.xml", Map.of());

        ResourceDrift bucket = detector.detect(STACK, BUDGET).root().resources().getFirst();

        assertThat(bucket.logicalId()).isEqualTo("Bucket");
        assertThat(bucket.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(bucket.status()).isEqualTo(ResourceStatus.MODIFIED);
        assertThat(bucket.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.path()).isEqualTo("VersioningConfiguration.Status");
            assertThat(difference.expected().textValue()).isEqualTo("Enabled");
            assertThat(difference.actual().textValue()).isEqualTo("Suspended");
            assertThat(difference.type()).isEqualTo(DifferenceType.NOT_EQUAL);
        });
    }

    @Test
    void pollsWithGrowingPausesCappedAtTheMaximum_whenDetectionRunsLong() throws Exception {
        String inProgress = status(STACK, "DETECTION_IN_PROGRESS", "UNKNOWN", 0);
        detectionStarts(STACK, DETECTION);
        detectionReports(inProgress, inProgress, inProgress, inProgress, inProgress, status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-none.xml", Map.of());

        detector.detect(STACK, BUDGET);

        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void givesUpNamingTheStack_whenDetectionOutlastsTheTimeBudget() {
        detectionStarts(STACK, DETECTION);
        detectionReports(status(STACK, "DETECTION_IN_PROGRESS", "UNKNOWN", 0));

        assertThatThrownBy(() -> detector.detect(STACK, Duration.ofSeconds(5)))
                .isInstanceOf(DriftDetector.DetectionFailed.class)
                .hasMessage("drift detection on " + STACK + " still running after 2 s");
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(actions()).doesNotContain("DescribeStackResourceDrifts");
    }

    @Test
    void throwsStackNotFound_whenCloudFormationSaysTheStackDoesNotExist() {
        AWS.stubFor(action("DetectStackDrift").willReturn(xml(400, WireFixtures.load("cloudformation/Error.xml",
                Map.of("code", "ValidationError", "message", "Stack with id missing-stack does not exist")))));

        assertThatThrownBy(() -> detector.detect("missing-stack", BUDGET))
                .isInstanceOf(DriftDetector.StackNotFound.class)
                .hasMessage("stack missing-stack does not exist");
        assertThat(actions()).containsExactly("DetectStackDrift");
    }

    @Test
    void retriesAfterGrowingPauses_whenDetectStackDriftIsThrottled() throws Exception {
        answersInTurn("throttled", () -> action("DetectStackDrift").withRequestBody(formField("StackName", STACK)), List.of(
                Map.entry(400, throttling()), Map.entry(400, throttling()),
                Map.entry(200, WireFixtures.load("cloudformation/DetectStackDrift.xml", Map.of("detectionId", DETECTION)))));
        detectionReports(status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-none.xml", Map.of());

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(detection.root().partial()).isFalse();
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(actions()).containsExactly("DetectStackDrift", "DetectStackDrift", "DetectStackDrift",
                "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
        assertThat(detection.calls().throttled()).isEqualTo(2);
        assertThat(detection.calls().calls()).isEqualTo(5).isEqualTo(tokens.get());
    }

    @Test
    void rethrowsThrottlingForTheRuntimeToRetry_whenItOutlastsTheRetries() {
        AWS.stubFor(action("DetectStackDrift").willReturn(xml(400, throttling())));

        assertThatThrownBy(() -> detector.detect(STACK, BUDGET))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"))
                .hasMessageContaining("Rate exceeded");
        assertThat(actions()).as("one call and three retries").hasSize(4);
    }

    @Test
    void retriesTheStatusPoll_whenItIsThrottled() throws Exception {
        detectionStarts(STACK, DETECTION);
        answersInTurn("status", () -> action("DescribeStackDriftDetectionStatus"), List.of(
                Map.entry(400, throttling()), Map.entry(200, status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0))));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-none.xml", Map.of());

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(detection.calls().throttled()).isEqualTo(1);
        assertThat(actions()).containsExactly("DetectStackDrift", "DescribeStackDriftDetectionStatus",
                "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
    }

    @Test
    void failsWithTheReason_whenDetectionFailedWithoutAStatus() {
        detectionStarts(STACK, DETECTION);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed.xml", Map.of(
                "stack", STACK, "detectionId", DETECTION,
                "reason", "Stack app-b is in UPDATE_IN_PROGRESS state and can not be drift detected")));

        assertThatThrownBy(() -> detector.detect(STACK, BUDGET))
                .isInstanceOf(DriftDetector.DetectionFailed.class)
                .hasMessage("drift detection failed on app-b: Stack app-b is in UPDATE_IN_PROGRESS state and can not be drift detected");
        assertThat(actions()).doesNotContain("DescribeStackResourceDrifts");
    }

    @Test
    void redetectsTheResourceOnItsOwn_whenDescribeStackResourceDriftsReportsRateExceeded() throws Exception {
        detectionStarts(STACK, DETECTION);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed-partway.xml",
                Map.of("stack", STACK, "detectionId", DETECTION)));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-rate-exceeded.xml", Map.of());
        answersInTurn("resource", () -> action("DetectStackResourceDrift").withRequestBody(formField("StackName", STACK))
                .withRequestBody(formField("LogicalResourceId", "Function")), List.of(
                Map.entry(400, throttling()),
                Map.entry(200, WireFixtures.load("cloudformation/DetectStackResourceDrift.xml", Map.of("stack", STACK)))));

        StackDrift stack = detector.detect(STACK, BUDGET).root();

        assertThat(stack.problems()).isEmpty();
        assertThat(stack.resources()).extracting(ResourceDrift::logicalId, ResourceDrift::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Queue", ResourceStatus.MODIFIED),
                org.assertj.core.groups.Tuple.tuple("Function", ResourceStatus.MODIFIED),
                org.assertj.core.groups.Tuple.tuple("Bucket", ResourceStatus.IN_SYNC));
        assertThat(stack.resources().get(1).differences()).extracting(PropertyDifference::path).containsExactly("Timeout");
        assertThat(new DriftExplainer(List.of()).explain(stack).partial()).isFalse();
        assertThat(actions()).endsWith("DescribeStackResourceDrifts", "DetectStackResourceDrift", "DetectStackResourceDrift");
    }

    @Test
    void reportsPartialWithTheReason_whenTheResourceStillCannotBeChecked() throws Exception {
        detectionStarts(STACK, DETECTION);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed-partway.xml",
                Map.of("stack", STACK, "detectionId", DETECTION)));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-rate-exceeded.xml", Map.of());
        AWS.stubFor(action("DetectStackResourceDrift").willReturn(xml(200,
                WireFixtures.load("cloudformation/DetectStackResourceDrift-unknown.xml", Map.of("stack", STACK)))));

        StackDrift stack = detector.detect(STACK, BUDGET).root();

        assertThat(stack.resources().get(1).status()).isEqualTo(ResourceStatus.UNKNOWN);
        assertThat(stack.resources().get(1).statusReason()).contains("Rate exceeded");
        ExplainedStack explained = new DriftExplainer(List.of()).explain(stack);
        assertThat(explained.partial()).isTrue();
        assertThat(explained.partialReasons()).containsExactly("Function: Rate exceeded");
        assertThat(actions().stream().filter("DetectStackResourceDrift"::equals)).as("resource retries").hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void redetectsResourcesNamedInTheReason_whenTheyAreMissingFromTheList() throws Exception {
        detectionStarts(STACK, DETECTION);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed-partway.xml",
                Map.of("stack", STACK, "detectionId", DETECTION)));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-modified-bucket.xml", Map.of());
        AWS.stubFor(action("DetectStackResourceDrift").withRequestBody(formField("LogicalResourceId", "Function"))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DetectStackResourceDrift.xml", Map.of("stack", STACK)))));

        StackDrift stack = detector.detect(STACK, BUDGET).root();

        assertThat(stack.resources()).extracting(ResourceDrift::logicalId).containsExactly("Bucket", "Function");
        assertThat(stack.problems()).isEmpty();
    }

    @Test
    void reportsTheReasonAsAProblem_whenDetectionFailedNamingNoResource() throws Exception {
        detectionStarts(STACK, DETECTION);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed-partway.xml",
                Map.of("stack", STACK, "detectionId", DETECTION)).replace("resource [Function]", "some resources"));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-modified-bucket.xml", Map.of());

        StackDrift stack = detector.detect(STACK, BUDGET).root();

        assertThat(stack.partial()).isTrue();
        assertThat(stack.problems()).containsExactly("drift detection failed: Failed to detect drift on some resources: Rate exceeded");
    }

    @Test
    void followsNextTokenAndRetriesAThrottledPage_whenResourcesSpanTwoPages() throws Exception {
        String token = "AAAAAQAC/page-2+token==";
        detectionStarts(STACK, DETECTION);
        detectionReports(status(STACK, "DETECTION_COMPLETE", "DRIFTED", 2));
        AWS.stubFor(action("DescribeStackResourceDrifts").willReturn(xml(200, WireFixtures.load(
                "cloudformation/DescribeStackResourceDrifts-page-1.xml", Map.of("stack", STACK, "nextToken", token)))));
        answersInTurn("page-2", () -> action("DescribeStackResourceDrifts").withRequestBody(formField("NextToken", token)).atPriority(1),
                List.of(Map.entry(400, throttling()),
                        Map.entry(200, WireFixtures.load("cloudformation/DescribeStackResourceDrifts-page-2.xml", Map.of("stack", STACK)))));

        StackDrift stack = detector.detect(STACK, BUDGET).root();

        assertThat(stack.resources()).extracting(ResourceDrift::logicalId, ResourceDrift::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Queue", ResourceStatus.MODIFIED),
                org.assertj.core.groups.Tuple.tuple("AlarmTopic", ResourceStatus.DELETED));
        List<Map<String, String>> pages = sent().stream()
                .filter(fields -> "DescribeStackResourceDrifts".equals(fields.get("Action"))).toList();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).doesNotContainKey("NextToken");
        assertThat(pages.get(1)).containsEntry("NextToken", token);
        assertThat(pages.get(2)).containsEntry("NextToken", token).containsEntry("StackName", STACK);
    }

    @Test
    void detectsNestedStacksOnTheirOwn_whenTheParentHoldsOne() throws Exception {
        String nestedArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/app-b-Network-1ABC2DEF3GHI/9a8b7c6d-c6d1-11f0-9a4b-0a1b2c3d4e5f";
        detectionStarts(STACK, DETECTION);
        detectionStarts(nestedArn, DETECTION);
        AWS.stubFor(action("DescribeStackDriftDetectionStatus")
                .willReturn(xml(200, status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0))));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-nested-parent.xml", Map.of("nestedArn", nestedArn));
        resourceDrifts(nestedArn, "cloudformation/DescribeStackResourceDrifts-modified-bucket.xml", Map.of());

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(detection.stacks()).extracting(StackDrift::stack, StackDrift::parent).containsExactly(
                org.assertj.core.groups.Tuple.tuple(STACK, Optional.empty()),
                org.assertj.core.groups.Tuple.tuple("app-b-Network-1ABC2DEF3GHI", Optional.of(STACK)));
        assertThat(detection.root().resources()).as("the nested stack is reported as a stack, not an unchecked resource")
                .extracting(ResourceDrift::logicalId).containsExactly("Seeder", "Table");
        assertThat(detection.stacks().get(1).resources()).extracting(ResourceDrift::logicalId).containsExactly("Bucket");
        assertThat(sent().stream().filter(fields -> "DetectStackDrift".equals(fields.get("Action")))
                .map(fields -> fields.get("StackName"))).containsExactly(STACK, nestedArn);
    }

    @Test
    void reportsTheNestedStackPartial_whenItsDetectionFails() throws Exception {
        String nestedArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/app-b-Network-1ABC2DEF3GHI/9a8b7c6d-c6d1-11f0-9a4b-0a1b2c3d4e5f";
        detectionStarts(STACK, DETECTION);
        AWS.stubFor(action("DetectStackDrift").withRequestBody(formField("StackName", nestedArn))
                .willReturn(xml(400, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "ValidationError",
                        "message", "Stack app-b-Network-1ABC2DEF3GHI is in UPDATE_IN_PROGRESS state")))));
        detectionReports(status(STACK, "DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts(STACK, "cloudformation/DescribeStackResourceDrifts-nested-parent.xml", Map.of("nestedArn", nestedArn));

        Detection detection = detector.detect(STACK, BUDGET);

        assertThat(detection.stacks()).hasSize(2);
        assertThat(detection.stacks().get(1).problems())
                .containsExactly("drift detection failed: Stack app-b-Network-1ABC2DEF3GHI is in UPDATE_IN_PROGRESS state");
    }

    @Test
    void namesResourcesFromADetectionReason_whenTheReasonListsThem() {
        assertThat(CloudFormationDriftDetector.resourcesNamedIn("Failed to detect drift on resources [Function, Queue]: Rate exceeded"))
                .containsExactly("Function", "Queue");
        assertThat(CloudFormationDriftDetector.resourcesNamedIn("Stack is being updated")).isEmpty();
        assertThat(CloudFormationDriftDetector.resourcesNamedIn(null)).isEmpty();
    }
}
