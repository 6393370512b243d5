package dev.caretaker.orchestrator.deployments;

import dev.caretaker.deployments.ApprovalDecision;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.aws.AwsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@link WorkflowControl} on Step Functions: SendTaskSuccess / SendTaskFailure for the approval
 * step's task token, StopExecution for a cancellation. The execution ARN follows from the state
 * machine's ARN and the deployment id, which is the execution's name.
 */
public final class StepFunctionsWorkflowControl implements WorkflowControl {

    /** The error a rejection fails the approval step with; the workflow's Catch turns it into REJECTED. */
    public static final String REJECTED_ERROR = "Caretaker.Rejected";

    // Step Functions' own limits on SendTaskFailure/StopExecution: longer values are refused as a whole.
    private static final int MAX_CAUSE_CHARS = 32_768;
    private static final int MAX_ERROR_CHARS = 256;
    private static final Set<String> TOKEN_GONE = Set.of("TaskTimedOut", "InvalidToken", "TaskDoesNotExist");

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflowControl(SfnClient sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public Answer answerApproval(String taskToken, ApprovalDecision decision) {
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(decision, "decision");
        String operation = decision.approved() ? "SendTaskSuccess" : "SendTaskFailure";
        try {
            if (decision.approved()) {
                sfn.sendTaskSuccess(request -> request.taskToken(taskToken).output(approvalOutput(decision)));
            } else {
                sfn.sendTaskFailure(request -> request.taskToken(taskToken).error(REJECTED_ERROR)
                        .cause(bounded(rejectionCause(decision), MAX_CAUSE_CHARS)));
            }
            return new Answer.Done();
        } catch (SdkException e) {
            String code = AwsErrors.code(e);
            // Never the exception's message: Step Functions may quote the token in it.
            return TOKEN_GONE.contains(code) ? new Answer.Gone(code) : failure(operation, e);
        }
    }

    @Override
    public Answer stop(String deploymentId, String error, String cause) {
        if (!stateMachineArn.contains(":stateMachine:")) {
            return new Answer.Failed("DEPLOYMENT_STATE_MACHINE_ARN is not a state machine ARN: " + stateMachineArn);
        }
        try {
            sfn.stopExecution(request -> request.executionArn(executionArn(deploymentId))
                    .error(bounded(error, MAX_ERROR_CHARS)).cause(bounded(cause, MAX_CAUSE_CHARS)));
            return new Answer.Done();
        } catch (SdkException e) {
            String code = AwsErrors.code(e);
            return "ExecutionDoesNotExist".equals(code) ? new Answer.Gone(code) : failure("StopExecution", e);
        }
    }

    /** arn:…:stateMachine:NAME → arn:…:execution:NAME:ID. */
    public String executionArn(String deploymentId) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + deploymentId;
    }

    /** The approval step's result: what the workflow reads after an approval. */
    static String approvalOutput(ApprovalDecision decision) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("approved", true);
        output.put("by", decision.by());
        output.put("reason", decision.reason());
        return Json.write(output);
    }

    static String rejectionCause(ApprovalDecision decision) {
        return "rejected by " + decision.by() + ": " + (decision.reason() == null ? "no reason given" : decision.reason());
    }

    private static Answer failure(String operation, SdkException e) {
        String code = AwsErrors.code(e);
        String reason = "Step Functions " + operation + ": " + code;
        // KMS throttling on the encrypted state machine is not among the SDK's throttling codes, but is one.
        boolean transientFailure = AwsErrors.isTransient(e) || "KmsThrottlingException".equals(code);
        return transientFailure ? new Answer.Unavailable(reason) : new Answer.Failed(reason);
    }

    private static String bounded(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
