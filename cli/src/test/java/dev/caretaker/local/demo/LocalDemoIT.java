package dev.caretaker.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.local.LocalBackend;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.local.LocalSystemOptions;
import dev.caretaker.testing.RepoRoot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo CI runs, run here too so `./mvnw verify` catches a broken day in the life first. */
class LocalDemoIT {

    /** Where DynamoDB, SQS and S3 run; the LocalStack twin overrides it. */
    protected LocalBackend backend() {
        return new LocalBackend.Embedded();
    }

    @Test
    void meetsEveryExpectedOutcome_whenRunAgainstTheLocalSystem() throws Exception {
        List<String> progress = new ArrayList<>();
        DemoReport report;
        try (LocalSystem system = LocalSystem.start(new LocalSystemOptions(RepoRoot.find().resolve("template.yaml"), 0, 1,
                Optional.empty(), backend()), progress::add)) {
            report = new LocalDemo(system, Clock.systemUTC(), progress::add).run();
            assertTheBackendAnswered(system, progress);
        }

        assertThat(report.steps()).extracting(DemoStep::name).containsExactly(
                "webhook-triggered deployment of app 1.4.0",
                "a risky release waits for a person, who rejects it; the stack is untouched",
                "an alarm after a release returns the stack to its last known-good release",
                "an operator starts the risky release again and approves it",
                "a release whose template changed after signing is refused",
                "a new stack that fails to create is rolled back by CloudFormation",
                "an update whose rollback fails is recovered by continuing the rollback",
                "deployment to a stack stuck in UPDATE_ROLLBACK_FAILED is refused with the recovery path",
                "a delivery sent twice, and a start repeated with its request id, change nothing",
                "scheduled drift check finds, classifies and decides on the hand-made changes to billing and its nested stack",
                "the drift check's remediation reverts what CloudFormation can, after approval, and says what it cannot",
                "scheduled cost report totals month-to-date cost by service",
                "an invalid configuration pushed at run time is rejected and the last valid one stays in force");
        assertThat(report.steps()).allSatisfy(step -> assertThat(step.passed()).as(step.name() + ": " + step.observed()).isTrue());
        assertThat(report.passed()).isTrue();
        assertThat(report.toJson()).containsEntry("passed", true);
        assertThat(progress).anyMatch(line -> line.contains("notification: [CRITICAL] DriftCheckCompleted: billing"))
                .anyMatch(line -> line.contains("notification: [WARNING] DeploymentApprovalRequested: app"))
                .anyMatch(line -> line.contains("notification: [ERROR] DeploymentRolledBack: app"));
    }

    /**
     * While the system still runs, after the demo: that what the backend should answer did. Embedded, the
     * in-process stand-ins answered SNS, Secrets Manager and SSM; the LocalStack twin checks LocalStack itself.
     */
    protected void assertTheBackendAnswered(LocalSystem system, List<String> progress) {
        assertThat(progress).anyMatch(line -> line.startsWith("stand-ins for SNS, Secrets Manager and SSM on http://127.0.0.1:"));
        assertThat(system.notifications()).isNotEmpty()
                .allSatisfy(notification -> assertThat(notification.topicArn()).isEqualTo(
                        system.resources().get("NotificationTopic").physicalName()));
    }

    @Test
    void failsTheReport_whenAnyStepFails() {
        DemoReport report = new DemoReport(java.time.Instant.EPOCH, java.time.Duration.ZERO, List.of(
                new DemoStep("a", "x", "x", true, null),
                new DemoStep("b", "y", "z", false, null)));

        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).contains("[FAIL] b").contains("SOME EXPECTED OUTCOMES DID NOT HAPPEN");
        assertThat(new DemoReport(java.time.Instant.EPOCH, java.time.Duration.ZERO, List.of()).passed())
                .as("a demo that checked nothing did not pass").isFalse();
    }
}
