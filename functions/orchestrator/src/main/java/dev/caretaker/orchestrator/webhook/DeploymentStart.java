package dev.caretaker.orchestrator.webhook;

import java.util.Objects;

/** Everything the deployment workflow needs to begin: the job that tracks it, the release, and where it came from. */
public record DeploymentStart(String jobId, DeploymentRequest release, Delivery delivery) {

    public DeploymentStart {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(delivery, "delivery");
    }
}
