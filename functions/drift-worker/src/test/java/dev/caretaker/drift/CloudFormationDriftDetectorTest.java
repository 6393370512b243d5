package dev.caretaker.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.caretaker.testing.QueryProtocol.formField;
import static dev.caretaker.testing.QueryProtocol.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caretaker.testing.QueryProtocol;
import dev.caretaker.testing.WireClients;
import dev.caretaker.testing.WireFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Drift detection against recorded CloudFormation responses (query protocol: form-encoded
 * requests, XML responses). The sleeper records the pauses instead of sleeping.
 */
class CloudFormationDriftDetectorTest {

    private static final String STACK = "app-b";
    private static final String DETECTION = "e5a3b9c0-c6d1-11f0-8a4b-0a1b2c3d4e5f";
    private static final Duration FIRST_POLL = Duration.ofSeconds(2);
    private static final Duration BUDGET = Duration.ofMinutes(4);

    @RegisterExtension
    static final WireMockExtension AWS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private CloudFormationClient client;
    private CloudFormationDriftDetector detector;

    @BeforeEach
    void connect() {
        client = WireClients.against(CloudFormationClient.builder(), AWS.baseUrl());
        detector = new CloudFormationDriftDetector(client, pauses::add, FIRST_POLL);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    // --- recorded CloudFormation behaviour -------------------------------------------------

    private static void detectionStarts(String stack) {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DetectStackDrift"))
                .withRequestBody(formField("StackName", stack))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DetectStackDrift.xml", Map.of("detectionId", DETECTION)))));
    }

    private static String status(String detectionStatus, String stackDriftStatus, int drifted) {
        return WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus.xml", Map.of("stack", STACK,
                "detectionId", DETECTION, "detectionStatus", detectionStatus, "stackDriftStatus", stackDriftStatus,
                "driftedCount", Integer.toString(drifted)));
    }

    /** DescribeStackDriftDetectionStatus answers with each body in turn, then keeps answering with the last. */
    private static void detectionReports(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "poll-" + i;
            var stub = post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStackDriftDetectionStatus"))
                    .withRequestBody(formField("StackDriftDetectionId", DETECTION))
                    .inScenario("detection").whenScenarioStateIs(state);
            if (i + 1 < bodies.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            AWS.stubFor(stub.willReturn(xml(200, bodies[i])));
        }
    }

    private static void resourceDrifts(String fixture) {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStackResourceDrifts"))
                .withRequestBody(formField("StackName", STACK))
                .willReturn(xml(200, WireFixtures.load(fixture, Map.of("stack", STACK)))));
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

    // --- scenarios -------------------------------------------------------------------------

    @Test
    void reportsInSyncWithNoResources_whenStackHasNotDrifted() throws Exception {
        detectionStarts(STACK);
        detectionReports(status("DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-none.xml");

        DriftReport report = detector.detect(STACK, BUDGET);

        assertThat(report).isEqualTo(new DriftReport(STACK, "IN_SYNC", List.of()));
        assertThat(report.drifted()).isFalse();
        assertThat(pauses).isEmpty();
        assertThat(actions()).containsExactly("DetectStackDrift", "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
    }

    @Test
    void sendsStackNameDetectionIdAndDriftFilters_whenDetecting() throws Exception {
        detectionStarts(STACK);
        detectionReports(status("DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-none.xml");

        detector.detect(STACK, BUDGET);

        List<Map<String, String>> sent = sent();
        assertThat(sent).allSatisfy(fields -> assertThat(fields).containsEntry("Version", "2010-05-15"));
        assertThat(sent.get(0)).containsEntry("Action", "DetectStackDrift").containsEntry("StackName", STACK)
                .doesNotContainKey("LogicalResourceIds.member.1");
        assertThat(sent.get(1)).containsEntry("Action", "DescribeStackDriftDetectionStatus")
                .containsEntry("StackDriftDetectionId", DETECTION);
        // Only what differs: IN_SYNC and NOT_CHECKED resources are not worth a page.
        assertThat(sent.get(2)).containsEntry("Action", "DescribeStackResourceDrifts").containsEntry("StackName", STACK)
                .containsEntry("StackResourceDriftStatusFilters.member.1", "MODIFIED")
                .containsEntry("StackResourceDriftStatusFilters.member.2", "DELETED")
                .doesNotContainKey("StackResourceDriftStatusFilters.member.3")
                .doesNotContainKey("NextToken");
    }

    @Test
    void reportsModifiedResourceWithItsDifferenceCount_whenStackDrifted() throws Exception {
        detectionStarts(STACK);
        detectionReports(status("DETECTION_COMPLETE", "DRIFTED", 1));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-modified-bucket.xml");

        DriftReport report = detector.detect(STACK, BUDGET);

        assertThat(report.drifted()).isTrue();
        assertThat(report.stackDriftStatus()).isEqualTo("DRIFTED");
        assertThat(report.driftedResources()).containsExactly(
                new DriftReport.DriftedResource("Bucket", "AWS::S3::Bucket", "MODIFIED", 1));
    }

    @Test
    void pollsWithGrowingPausesWithoutSleeping_whenDetectionIsInProgressTwice() throws Exception {
        detectionStarts(STACK);
        detectionReports(status("DETECTION_IN_PROGRESS", "UNKNOWN", 0), status("DETECTION_IN_PROGRESS", "UNKNOWN", 0),
                status("DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-none.xml");
        long started = System.nanoTime();

        DriftReport report = detector.detect(STACK, BUDGET);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(report.stackDriftStatus()).isEqualTo("IN_SYNC");
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(elapsed).as("the pauses were recorded, not slept").isLessThan(Duration.ofSeconds(6));
        assertThat(actions()).containsExactly("DetectStackDrift", "DescribeStackDriftDetectionStatus",
                "DescribeStackDriftDetectionStatus", "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts");
    }

    @Test
    void capsPausesAtTenSeconds_whenDetectionRunsLong() throws Exception {
        String inProgress = status("DETECTION_IN_PROGRESS", "UNKNOWN", 0);
        detectionStarts(STACK);
        detectionReports(inProgress, inProgress, inProgress, inProgress, inProgress, status("DETECTION_COMPLETE", "IN_SYNC", 0));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-none.xml");

        detector.detect(STACK, BUDGET);

        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void givesUpNamingTheStack_whenDetectionOutlastsTheBudget() {
        detectionStarts(STACK);
        detectionReports(status("DETECTION_IN_PROGRESS", "UNKNOWN", 0));

        assertThatThrownBy(() -> detector.detect(STACK, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("drift detection on " + STACK + " still running after 2 s");
        // 2 s fit the budget; the next pause (4 s) would not, so it stops instead of sleeping past it.
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(actions()).doesNotContain("DescribeStackResourceDrifts");
    }

    @Test
    void throwsStackNotFound_whenCloudFormationSaysTheStackDoesNotExist() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DetectStackDrift"))
                .willReturn(xml(400, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "ValidationError",
                        "message", "Stack with id missing-stack does not exist")))));

        assertThatThrownBy(() -> detector.detect("missing-stack", BUDGET))
                .isInstanceOf(DriftDetector.StackNotFound.class)
                .hasMessage("stack missing-stack does not exist");
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void rethrowsOtherErrors_soTheWorkerRetriesThem() {
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DetectStackDrift"))
                .willReturn(xml(400, WireFixtures.load("cloudformation/Error.xml", Map.of("code", "Throttling",
                        "message", "Rate exceeded")))));

        assertThatThrownBy(() -> detector.detect(STACK, BUDGET))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e).isNotInstanceOf(DriftDetector.StackNotFound.class);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                })
                .hasMessageContaining("Rate exceeded");
    }

    @Test
    void failsWithTheReason_whenDetectionFailedWithoutAStatus() {
        detectionStarts(STACK);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed.xml", Map.of(
                "stack", STACK, "detectionId", DETECTION,
                "reason", "Stack app-b is in UPDATE_IN_PROGRESS state and can not be drift detected")));

        assertThatThrownBy(() -> detector.detect(STACK, BUDGET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("drift detection failed on app-b: Stack app-b is in UPDATE_IN_PROGRESS state and can not be drift detected");
        assertThat(actions()).doesNotContain("DescribeStackResourceDrifts");
    }

    @Test
    void reportsWhatWasFound_whenDetectionFailedPartwayWithAStatus() throws Exception {
        detectionStarts(STACK);
        detectionReports(WireFixtures.load("cloudformation/DescribeStackDriftDetectionStatus-failed-partway.xml",
                Map.of("stack", STACK, "detectionId", DETECTION)));
        resourceDrifts("cloudformation/DescribeStackResourceDrifts-modified-bucket.xml");

        DriftReport report = detector.detect(STACK, BUDGET);

        assertThat(report.stackDriftStatus()).isEqualTo("DRIFTED");
        assertThat(report.driftedResources()).extracting(DriftReport.DriftedResource::logicalId).containsExactly("Bucket");
    }

    @Test
    void followsNextTokenAcrossPages_whenDriftedResourcesSpanTwoPages() throws Exception {
        String token = "AAAAAQAC/page-2+token==";
        detectionStarts(STACK);
        detectionReports(status("DETECTION_COMPLETE", "DRIFTED", 2));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStackResourceDrifts"))
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStackResourceDrifts-page-1.xml",
                        Map.of("stack", STACK, "nextToken", token)))));
        AWS.stubFor(post(urlEqualTo("/")).withRequestBody(formField("Action", "DescribeStackResourceDrifts"))
                .withRequestBody(formField("NextToken", token)).atPriority(1)
                .willReturn(xml(200, WireFixtures.load("cloudformation/DescribeStackResourceDrifts-page-2.xml",
                        Map.of("stack", STACK)))));

        DriftReport report = detector.detect(STACK, BUDGET);

        assertThat(report.driftedResources()).containsExactly(
                new DriftReport.DriftedResource("Queue", "AWS::SQS::Queue", "MODIFIED", 2),
                new DriftReport.DriftedResource("AlarmTopic", "AWS::SNS::Topic", "DELETED", 0));
        List<Map<String, String>> pages = sent().stream()
                .filter(fields -> "DescribeStackResourceDrifts".equals(fields.get("Action"))).toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).doesNotContainKey("NextToken");
        assertThat(pages.get(1)).containsEntry("NextToken", token).containsEntry("StackName", STACK)
                .containsEntry("StackResourceDriftStatusFilters.member.1", "MODIFIED")
                .containsEntry("StackResourceDriftStatusFilters.member.2", "DELETED");
    }
}
