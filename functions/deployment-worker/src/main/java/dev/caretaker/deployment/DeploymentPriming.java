package dev.caretaker.deployment;

import dev.caretaker.deployment.health.AlarmStates.AlarmState;
import dev.caretaker.deployment.health.HealthCheck;
import dev.caretaker.deployment.preview.Preview;
import dev.caretaker.deployment.preview.PreviewClassifier;
import dev.caretaker.deployment.preview.PreviewSummary;
import dev.caretaker.deployment.progress.ProgressTracker;
import dev.caretaker.deployment.stack.ChangeAction;
import dev.caretaker.deployment.stack.ChangeDetail;
import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.ChangeSetStatus;
import dev.caretaker.deployment.stack.Replacement;
import dev.caretaker.deployment.stack.ResourceChange;
import dev.caretaker.deployment.stack.StackEvent;
import dev.caretaker.deployment.workflow.StepErrors;
import dev.caretaker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the deployment worker does before a SnapStart snapshot: its decisions on canned values (a
 * task event read, a change set classified and summarised, stack events followed, alarms judged, a
 * Lambda error document described), so the classes they load and the code they run are in the
 * snapshot. No call leaves the function: nothing is read, written or started.
 */
final class DeploymentPriming {

    private static final String STACK = "caretaker-priming";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private DeploymentPriming() {
    }

    static void prime() {
        DeploymentInput.from(Map.of("jobId", "deploy-000000000000000000000000", "stack", STACK, "version", "1.0.0",
                "manifest", "s3://priming/manifest.json", "source", "priming", "deliveryId", "priming", "now", false));
        ChangeSet changeSet = new ChangeSet("arn:aws:cloudformation:eu-west-1:000000000000:changeSet/priming/0", "priming", STACK,
                ChangeSetStatus.READY, null, "AVAILABLE", List.of(
                new ResourceChange(ChangeAction.MODIFY, "Table", "priming-table", "AWS::DynamoDB::Table", Replacement.TRUE,
                        List.of("Properties"), List.of(new ChangeDetail("Properties", "KeySchema", "Always", "DirectModification",
                        "Static"))),
                new ResourceChange(ChangeAction.ADD, "Queue", null, "AWS::SQS::Queue", Replacement.NOT_APPLICABLE, List.of(),
                        List.of())));
        Preview preview = PreviewClassifier.classify(changeSet);
        Json.write(PreviewSummary.json(preview));
        PreviewSummary.text(preview);
        ProgressTracker.progress(STACK, List.of(
                new StackEvent("1", AT, STACK, "arn", StackEvent.STACK_TYPE, "UPDATE_IN_PROGRESS", "User Initiated", "t"),
                new StackEvent("2", AT, "Queue", "q", "AWS::SQS::Queue", "CREATE_COMPLETE", null, "t"),
                new StackEvent("3", AT, STACK, "arn", StackEvent.STACK_TYPE, "UPDATE_COMPLETE", null, "t")), 2);
        String alarm = "arn:aws:cloudwatch:eu-west-1:000000000000:alarm:priming";
        HealthCheck.judge(List.of(alarm), Map.of(alarm, new AlarmState(alarm, "priming", "OK", null)), AT, Duration.ofMinutes(5),
                AT.plusSeconds(60));
        StepErrors.describe(Map.of("Error", "dev.caretaker.work.PermanentFailure",
                "Cause", "{\"errorMessage\":\"priming\",\"errorType\":\"dev.caretaker.work.PermanentFailure\"}"));
    }
}
