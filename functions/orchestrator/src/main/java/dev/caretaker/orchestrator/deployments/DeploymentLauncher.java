package dev.caretaker.orchestrator.deployments;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.orchestrator.webhook.DeploymentStart;
import dev.caretaker.orchestrator.webhook.DeploymentStarter;
import dev.caretaker.orchestrator.webhook.StartOutcome;
import java.time.Clock;
import java.util.Objects;

/**
 * Begins a deployment whose job exists and is still QUEUED: records it (unless the workflow's first
 * step, or an earlier attempt, already did) and starts the workflow named after it. Both steps are
 * idempotent, so a retried request repeats them safely. Recording first means the record answers
 * {@code GET /deployments/{id}} as soon as the caller has the id.
 */
public final class DeploymentLauncher {

    /** What the launch did: the record as stored, and how the workflow start went. */
    public record Launch(Deployment deployment, StartOutcome started) {
    }

    private final DeploymentStore store;
    private final DeploymentStarter starter;
    private final String environment;
    private final Clock clock;

    /** @param environment this installation's environment name (CARETAKER_ENVIRONMENT), null when unknown */
    public DeploymentLauncher(DeploymentStore store, DeploymentStarter starter, String environment, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.environment = environment;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Launch launch(DeploymentStart start) {
        Deployment recorded = store.createIfAbsent(Deployment.started(start.jobId(), start.release().stack(),
                start.release().version(), start.release().manifest(), environment, false, null, start.origin(),
                clock.instant()));
        return new Launch(recorded, starter.start(start));
    }
}
