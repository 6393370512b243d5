package dev.caretaker.deployment.workflow;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alarm fired after a change CloudFormation had completed: the stack's last known-good release
 * (its latest SUCCEEDED deployment) goes through the same steps again, from verification on. With no
 * such release there is nothing safe to return to, and the deployment fails saying so.
 */
public final class RecoverStep implements WorkflowStep {

    private final DeploymentRecords records;

    public RecoverStep(DeploymentRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        if (DeploymentRecords.recovering(deployment)) {
            return Map.of("state", "RECOVERING", "version", String.valueOf(deployment.recovery().get("version")));
        }
        String why = "alarm after " + deployment.stack() + " " + deployment.version() + " reached the stack: "
                + in.previousText("health", "why", "an alarm is in ALARM");
        Optional<Deployment> knownGood = records.store().lastSucceeded(deployment.stack())
                .filter(previous -> !previous.id().equals(deployment.id()));
        if (knownGood.isEmpty()) {
            records.finish(deployment.id(), DeploymentStatus.FAILED, why + "; there is no earlier successful deployment of "
                    + deployment.stack() + " to return to, so the stack keeps " + deployment.version()
                    + ". Investigate the alarm, then deploy a fixed release");
            return Map.of("state", "NONE");
        }
        Deployment good = knownGood.get();
        if (good.manifest() == null) {
            throw new PermanentFailure("the last known-good deployment " + good.id() + " records no manifest to return to");
        }
        Map<String, Object> recovery = new LinkedHashMap<>();
        recovery.put("deploymentId", good.id());
        recovery.put("version", good.version());
        recovery.put("manifest", good.manifest());
        recovery.put("reason", why);
        Instant now = records.now();
        records.update(deployment.id(), current -> current.withRecovery(recovery, now)
                .step(DeploymentStatus.ROLLING_BACK, "recover", why + "; returning to the last known-good release "
                        + good.version() + " (deployment " + good.id() + ")", now));
        return Map.of("state", "RECOVERING", "version", good.version());
    }
}
