package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployment.health.AlarmStates;
import dev.caretaker.deployment.health.HealthCheck;
import dev.caretaker.deployment.health.HealthVerdict;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * After CloudFormation reports the change complete (and its own rollback triggers, watched for the
 * same minutes, stayed quiet), the stack's alarms must stay out of ALARM for the monitoring window
 * once more: past this point CloudFormation cannot undo the change, so an alarm now means returning
 * to the last known-good release.
 */
public final class CheckHealthStep implements WorkflowStep {

    static final String HEALTH = "health";

    private final AlarmStates alarms;
    private final DeploymentRecords records;
    private final Supplier<CaretakerConfig> config;

    public CheckHealthStep(AlarmStates alarms, DeploymentRecords records, Supplier<CaretakerConfig> config) {
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.records = Objects.requireNonNull(records, "records");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        StackPolicy policy = StackPolicy.of(config.get(), deployment.stack());
        List<String> arns = policy.rollback().alarmArns();
        Duration window = Duration.ofMinutes(policy.rollback().monitoringMinutes());
        Deployment watching = records.step(deployment.id(), DeploymentStatus.VERIFYING_HEALTH, HEALTH,
                arns.isEmpty() ? "no alarms to watch" : "watching " + arns.size() + " alarms for " + window.toMinutes() + " min");
        Instant start = watching.timings().get(HEALTH);
        Instant now = records.now();
        HealthVerdict verdict = HealthCheck.judge(arns, arns.isEmpty() ? Map.of() : alarms.states(arns), start, window, now);
        return switch (verdict) {
            case HealthVerdict.Healthy healthy -> {
                Object notReverted = deployment.preview().get(KeptRelease.NOT_REVERTED);
                String done = KeptRelease.of(deployment).revertDrift()
                        ? deployment.stack() + " is back to the template it runs: drift reverted"
                        : deployment.stack() + " runs " + deployment.version();
                records.finish(deployment.id(), DeploymentStatus.SUCCEEDED, done + "; " + healthy.why() + (notReverted == null ? ""
                        : "; drift this change could not revert, to fix by hand: " + notReverted));
                yield Map.of("state", "HEALTHY");
            }
            case HealthVerdict.Watching waiting -> Map.of("state", "WATCHING", "waitSeconds", waiting.waitSeconds());
            case HealthVerdict.Alarm alarm -> {
                records.update(deployment.id(), d -> d.withEvent(HEALTH, alarm.why(), now));
                yield Map.of("state", "ALARM", "why", alarm.why());
            }
        };
    }
}
