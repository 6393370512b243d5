package dev.caretaker.deployment.stack;

/** Where a change set stands, in the terms a deployment acts on. */
public enum ChangeSetStatus {
    /** CloudFormation is still computing it: describe again later. */
    PENDING,
    /** Computed and executable. */
    READY,
    /** Computed, and the template and parameters change nothing: the deployment has nothing to do. */
    NO_CHANGES,
    /** CloudFormation could not compute it; the status reason says why. */
    FAILED
}
