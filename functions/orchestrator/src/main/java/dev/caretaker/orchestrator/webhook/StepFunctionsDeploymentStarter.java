package dev.caretaker.orchestrator.webhook;

import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.aws.AwsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionLimitExceededException;

/**
 * Starts the deployment state machine with the job id as the execution name. Step Functions keeps
 * execution names unique per state machine (for 90 days after an execution closes), which is what
 * makes the start exactly-once however often the same delivery arrives.
 */
public final class StepFunctionsDeploymentStarter implements DeploymentStarter {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsDeploymentStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public StartOutcome start(DeploymentStart start) {
        return startExecution(start.jobId(), input(start));
    }

    /**
     * Starts the workflow that reverts {@code stack}'s drift (mode REVERT_DRIFT), named after its DEPLOY
     * job: one per drift check, however often the check's request arrives.
     *
     * @param version          the release the stack runs, as recorded (the record's label; nothing is verified)
     * @param approvalRequired whether a person must approve the revert (drift.remediation on-approval, or auto
     *                         that would not act alone)
     */
    public StartOutcome startRemediation(String jobId, String stack, String version, String checkJobId, boolean approvalRequired) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("deploymentId", jobId);
        input.put("jobId", jobId);
        input.put("stack", stack);
        input.put("version", version);
        input.put("mode", "REVERT_DRIFT");
        input.put("approval", approvalRequired ? "required" : "auto");
        input.put("remediationOf", checkJobId);
        input.put("now", false);
        return startExecution(jobId, Json.write(input));
    }

    private StartOutcome startExecution(String name, String input) {
        try {
            String arn = sfn.startExecution(request -> request
                    .stateMachineArn(stateMachineArn)
                    .name(name)
                    .input(input)).executionArn();
            return new StartOutcome.Started(arn);
        } catch (ExecutionAlreadyExistsException e) {
            return new StartOutcome.AlreadyStarted();
        } catch (ExecutionLimitExceededException e) {
            return new StartOutcome.Unavailable("Step Functions StartExecution: " + AwsErrors.code(e));
        } catch (SdkException e) {
            String reason = "Step Functions StartExecution: " + AwsErrors.code(e);
            return AwsErrors.isTransient(e) ? new StartOutcome.Unavailable(reason) : new StartOutcome.Failed(reason);
        }
    }

    /**
     * The execution input the deployment workflow reads (statemachine/): deploymentId, jobId, stack,
     * version, manifest and now, always; source and deliveryId for a webhook, requestedBy for an API
     * caller, promotedFrom ({environment, deploymentId}) for a promotion.
     */
    static String input(DeploymentStart start) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("deploymentId", start.jobId());
        input.put("jobId", start.jobId());
        input.put("stack", start.release().stack());
        input.put("version", start.release().version());
        input.put("manifest", start.release().manifest());
        if (start.delivery() != null) {
            input.put("source", start.delivery().source());
            input.put("deliveryId", start.delivery().id());
        }
        if (start.requestedBy() != null) {
            input.put("requestedBy", start.requestedBy());
        }
        // Always present, so a Choice on $.now never meets a missing field.
        input.put("now", start.now());
        if (start.promotedFrom() != null) {
            input.put("promotedFrom", start.promotedFrom().toMap());
        }
        return Json.write(input);
    }
}
