package dev.caretaker.deployments;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: the deployment records in the state table. */
public interface DeploymentStore {

    /** Stores a new record; if one with the same id exists, returns that one and changes nothing. */
    Deployment createIfAbsent(Deployment deployment);

    Optional<Deployment> find(String id);

    /**
     * Applies {@code change} to the stored record and writes the result if nobody wrote in between
     * (re-reading and re-applying on a conflict). A change that returns the record unchanged writes
     * nothing. When the result is SUCCEEDED, the stack's last known-good pointer moves to it.
     *
     * @throws java.util.NoSuchElementException if there is no such record
     */
    Deployment update(String id, UnaryOperator<Deployment> change);

    /** The stack's deployments, newest first. */
    List<Deployment> history(String stack, int limit);

    /** The stack's latest SUCCEEDED deployment: its last known-good release. */
    Optional<Deployment> lastSucceeded(String stack);
}
