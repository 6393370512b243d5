package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.DeploymentInput;
import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.release.Sha256;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.work.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first step of a drift remediation, in place of verification: there is no release, only the
 * template the stack runs now, which CloudFormation hands back (GetTemplate). It is kept like a
 * verified template, so every later step works on this copy; the change set it leads to is
 * drift-aware, and every parameter keeps its current value. The approval rule is the drift
 * configuration's: {@code required} for {@code on-approval} and for drift {@code auto} would not
 * remediate alone, else {@code auto}.
 */
public final class KeepCurrentTemplateStep implements WorkflowStep {

    private final StackOperations stacks;
    private final ReleaseArtifacts artifacts;
    private final DeploymentRecords records;

    public KeepCurrentTemplateStep(StackOperations stacks, ReleaseArtifacts artifacts, DeploymentRecords records) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        DeploymentInput input = in.deployment();
        if (!input.revertsDrift()) {
            throw new IllegalArgumentException("keepCurrentTemplate is for mode " + DeploymentInput.REVERT_DRIFT + " only");
        }
        Deployment deployment = records.open(input.deploymentId());
        records.step(deployment.id(), DeploymentStatus.VERIFYING, "keepCurrentTemplate", "drift remediation of " + deployment.stack()
                + " (drift check " + input.remediationOf() + "): taking the template the stack runs now");
        if (stacks.describeStack(deployment.stack()).isEmpty()) {
            throw new PermanentFailure("STACK_MISSING: " + deployment.stack() + " does not exist, so there is no drift to revert");
        }
        byte[] template = stacks.currentTemplate(deployment.stack()).getBytes(StandardCharsets.UTF_8);
        String sha256 = Sha256.hex(template);
        String kept = artifacts.keep("deployments/" + DeploymentRecords.operationId(deployment) + "/template", template);
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("version", deployment.version());
        release.put("source", "the template " + deployment.stack() + " runs now (drift remediation)");
        release.put("templateSha256", sha256);
        release.put(KeptRelease.KEPT_TEMPLATE, kept);
        release.put("parameters", Map.of());
        release.put("capabilities", List.of());
        release.put(KeptRelease.REVERT_DRIFT, true);
        release.put(KeptRelease.APPROVAL_REQUIRED, !"auto".equals(input.approval()));
        Instant now = records.now();
        records.update(deployment.id(), current -> KeptRelease.withRelease(current, release, now)
                .withEvent("keepCurrentTemplate", "reverting drift to the template " + deployment.stack() + " runs now (SHA-256 "
                        + sha256 + "), kept at " + kept, now));
        return Map.of("templateSha256", sha256);
    }
}
