package dev.caretaker.deployment.workflow;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;
import dev.caretaker.deployments.DeploymentStore;
import dev.caretaker.work.PermanentFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The steps' view of the deployment record: every step starts from it and writes what it found to
 * it, through the store's optimistic update, so a step racing an approval or a cancel never
 * overwrites what the other wrote.
 */
public final class DeploymentRecords {

    /** The suffix of the operation that returns a stack to its last known-good release. */
    static final String RECOVERY_SUFFIX = "-recovery";

    private final DeploymentStore store;
    private final Clock clock;

    public DeploymentRecords(DeploymentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Instant now() {
        return clock.instant();
    }

    public DeploymentStore store() {
        return store;
    }

    /**
     * The record of a deployment that is still going on.
     *
     * @throws PermanentFailure when there is none, or it already ended (cancelled by an operator, say):
     *                          the step must not act on it
     */
    public Deployment open(String id) {
        Deployment deployment = store.find(id).orElseThrow(() -> new PermanentFailure("deployment " + id + " has no record"));
        if (deployment.status().isTerminal()) {
            throw new PermanentFailure("deployment " + id + " already ended as " + deployment.status()
                    + (deployment.reason() == null ? "" : ": " + deployment.reason()));
        }
        return deployment;
    }

    public Deployment update(String id, UnaryOperator<Deployment> change) {
        try {
            return store.update(id, change);
        } catch (NoSuchElementException e) {
            throw new PermanentFailure("deployment " + id + " has no record");
        }
    }

    /** Moves the record to a running status, noting the step; returns the record as stored. */
    public Deployment step(String id, DeploymentStatus status, String step, String message) {
        Instant now = now();
        return update(id, deployment -> deployment.step(status, step, message, now));
    }

    /** Moves the record to the status of a step that runs forward or on the way back, as the record says. */
    Deployment step(Deployment deployment, TwoWayStep step, String message) {
        return step(deployment.id(), step.status(deployment), step.name(deployment), message);
    }

    /** Ends the deployment: the first terminal status written stays (a later finish changes nothing). */
    public Deployment finish(String id, DeploymentStatus status, String reason) {
        Instant now = now();
        return update(id, deployment -> deployment.finish(status, reason, now));
    }

    /**
     * The id CloudFormation tokens derive from: the deployment's own, or a distinct one for the change
     * that returns the stack to its last known-good release, so that change gets its own change set.
     */
    public static String operationId(Deployment deployment) {
        return recovering(deployment) ? deployment.id() + RECOVERY_SUFFIX : deployment.id();
    }

    public static boolean recovering(Deployment deployment) {
        return !deployment.recovery().isEmpty();
    }
}
