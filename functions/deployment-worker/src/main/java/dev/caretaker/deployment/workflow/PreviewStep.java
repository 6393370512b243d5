package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployment.preview.Preview;
import dev.caretaker.deployment.preview.PreviewClassifier;
import dev.caretaker.deployment.preview.PreviewSummary;
import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.ChangeSetRequest;
import dev.caretaker.deployment.stack.CreatedChangeSet;
import dev.caretaker.deployment.stack.RollbackTriggers;
import dev.caretaker.deployment.stack.StackOperations;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Proposes the change and classifies it. Decides whether a person must look first: a risky change
 * always, and any change of a stack whose configuration says {@code approval: required}. The way
 * back to the last known-good release asks only when it is itself risky.
 */
public final class PreviewStep implements WorkflowStep {

    private final StackOperations stacks;
    private final ReleaseArtifacts artifacts;
    private final DeploymentRecords records;
    private final Supplier<CaretakerConfig> config;
    private final String deployRoleArn;

    public PreviewStep(StackOperations stacks, ReleaseArtifacts artifacts, DeploymentRecords records,
                       Supplier<CaretakerConfig> config, String deployRoleArn) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.records = Objects.requireNonNull(records, "records");
        this.config = Objects.requireNonNull(config, "config");
        this.deployRoleArn = deployRoleArn;
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        boolean recovering = DeploymentRecords.recovering(deployment);
        StackPolicy policy = StackPolicy.of(config.get(), deployment.stack());
        KeptRelease release = KeptRelease.of(deployment);
        records.step(deployment, TwoWayStep.PREVIEW, "proposing " + deployment.stack() + " " + release.version());

        Set<String> capabilities = new LinkedHashSet<>(policy.capabilities());
        CreatedChangeSet created = stacks.createChangeSet(new ChangeSetRequest(DeploymentRecords.operationId(deployment),
                deployment.stack(), release.source(artifacts), release.deployParameters(), policy.tags(),
                // The way back runs while the alarm is in ALARM: as a trigger it would make CloudFormation undo it at once.
                new ArrayList<>(capabilities), recovering ? RollbackTriggers.none() : policy.rollback(), deployRoleArn,
                new HashSet<>(release.keepParameters()), release.revertDrift()));
        ChangeSet changeSet = stacks.describeChangeSet(deployment.stack(), created.changeSetName());
        return switch (changeSet.status()) {
            case PENDING -> Map.of("state", "PENDING");
            case NO_CHANGES -> nothingToChange(deployment, release, changeSet);
            case FAILED -> throw new PermanentFailure("CHANGE_SET_FAILED: CloudFormation could not compute the change set "
                    + changeSet.changeSetName() + ": " + changeSet.statusReason());
            case READY -> classified(deployment, recovering, policy, release, PreviewClassifier.classify(changeSet));
        };
    }

    private Map<String, Object> nothingToChange(Deployment deployment, KeptRelease release, ChangeSet changeSet) {
        // CloudFormation keeps FAILED change sets around; this one proposes nothing and would only confuse.
        stacks.deleteChangeSet(deployment.stack(), changeSet.changeSetName());
        if (DeploymentRecords.recovering(deployment)) {
            records.finish(deployment.id(), DeploymentStatus.ROLLED_BACK, recoveryReason(deployment)
                    + "; the stack already runs the last known-good release " + release.version());
        } else if (release.revertDrift()) {
            // The drift is still there, and a person has to fix it: that is a failure to report, not a success.
            records.finish(deployment.id(), DeploymentStatus.FAILED, "NOT_REVERTIBLE: CloudFormation proposes nothing to revert"
                    + " the drift of " + requestedReverts(deployment) + ": drift-aware change sets leave drift in nested stacks and"
                    + " in properties that cannot be updated alone. Fix it by hand, or in the nested stack's own remediation");
        } else {
            records.finish(deployment.id(), DeploymentStatus.SUCCEEDED, "nothing to change: " + deployment.stack()
                    + " already runs this template with these parameters");
        }
        return Map.of("state", "NO_CHANGES");
    }

    private Map<String, Object> classified(Deployment deployment, boolean recovering, StackPolicy policy, KeptRelease release,
                                           Preview preview) {
        // A release follows the stack's approval setting; a drift remediation the drift setting; the way back, only risk.
        boolean configured = !recovering && (release.revertDrift() ? release.approvalRequired() : policy.approvalRequired());
        boolean approval = preview.risky() || configured;
        Map<String, Object> summary = new LinkedHashMap<>(PreviewSummary.json(preview));
        summary.put("text", PreviewSummary.text(preview));
        String why = preview.risky() ? "risky: a person must approve it"
                : !approval ? "not risky: no approval needed"
                : release.revertDrift() ? "drift.remediation asks a person to approve reverting drift"
                : "the configuration requires approval for " + deployment.stack();
        List<String> notReverted = release.revertDrift() ? notReverted(deployment, preview) : List.of();
        if (!notReverted.isEmpty()) {
            summary.put(KeptRelease.NOT_REVERTED, notReverted);
        }
        Instant now = records.now();
        records.update(deployment.id(), current -> {
            Deployment noted = current.withEvent(TwoWayStep.PREVIEW.name(deployment),
                    preview.changes().size() + " changes, " + why + (notReverted.isEmpty() ? ""
                            : "; the change set cannot revert " + notReverted + " (nested stacks, immutable properties)"), now);
            if (!recovering) {
                return noted.withPreview(summary, now);
            }
            Map<String, Object> recovery = new LinkedHashMap<>(noted.recovery());
            recovery.put("preview", summary);
            return noted.withRecovery(recovery, now);
        });
        return Map.of("state", approval ? "NEEDS_APPROVAL" : "READY", "risky", preview.risky(),
                "changes", preview.changes().size(), "approvalTimeoutSeconds", policy.approvalTimeout().toSeconds());
    }

    /** The drifted resources the drift check asked to revert, as the record's origin keeps them. */
    private static List<String> requestedReverts(Deployment deployment) {
        return deployment.origin().get("driftedResources") instanceof List<?> resources
                ? resources.stream().map(String::valueOf).toList() : List.of();
    }

    /** Asked for, but not in the change set: nested-stack drift ("nested/LogicalId") and what CloudFormation leaves alone. */
    private static List<String> notReverted(Deployment deployment, Preview preview) {
        Set<String> proposed = new HashSet<>();
        preview.changes().forEach(change -> proposed.add(change.change().logicalId()));
        return requestedReverts(deployment).stream().filter(resource -> !proposed.contains(resource)).toList();
    }

    static String recoveryReason(Deployment deployment) {
        Object reason = deployment.recovery().get("reason");
        return reason == null ? "returned to the last known-good release" : reason.toString();
    }
}
