package dev.caretaker.orchestrator.webhook;

/**
 * Starts the deployment workflow for a job, exactly once per job: starting twice for the same job
 * must be harmless and report {@link StartOutcome.AlreadyStarted} (or {@link StartOutcome.Started}).
 */
public interface DeploymentStarter {

    StartOutcome start(DeploymentStart start);
}
