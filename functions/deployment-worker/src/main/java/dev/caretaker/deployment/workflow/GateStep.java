package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.work.PermanentFailure;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Asks {@link PolicyGate} whether the deployment may go now. The state machine sleeps until the
 * answer's time and asks again, so a window or freeze changed in the configuration meanwhile
 * counts. Returning a stack to its last known-good release is never held back: the stack is
 * already changed, and the alarm says it is unhealthy.
 */
public final class GateStep implements WorkflowStep {

    private final DeploymentRecords records;
    private final Supplier<CaretakerConfig> config;

    public GateStep(DeploymentRecords records, Supplier<CaretakerConfig> config) {
        this.records = Objects.requireNonNull(records, "records");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        if (DeploymentRecords.recovering(deployment)) {
            return Map.of("decision", "GO", "why", "returning to the last known-good release is not held back by windows or freezes");
        }
        CaretakerConfig current = config.get();
        boolean allowOutsideWindow = current.deployment().map(CaretakerConfig.Deployment::allowOutsideWindow).orElse(false);
        GateDecision decision = PolicyGate.decide(records.now(), current.maintenanceWindows(), current.changeFreezes(),
                allowOutsideWindow, in.deployment().now());
        return switch (decision) {
            case GateDecision.Go go -> {
                records.update(deployment.id(), d -> d.withEvent("gate", go.why(), records.now()));
                yield Map.of("decision", "GO", "why", go.why());
            }
            case GateDecision.WaitUntil wait -> {
                records.step(deployment.id(), DeploymentStatus.WAITING_FOR_WINDOW, "gate", wait.why());
                yield Map.of("decision", "WAIT", "until", wait.until().toString(), "why", wait.why());
            }
            case GateDecision.Refuse refuse -> throw new PermanentFailure("REFUSED_BY_POLICY: " + refuse.why());
        };
    }
}
