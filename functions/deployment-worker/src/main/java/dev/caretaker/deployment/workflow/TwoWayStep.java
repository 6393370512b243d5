package dev.caretaker.deployment.workflow;

import dev.caretaker.deployments.Deployment;
import dev.caretaker.deployments.DeploymentStatus;

/**
 * The steps that run twice: forward, and again on the way back to the last known-good release.
 * The way back shows as ROLLING_BACK under a name of its own, so the record keeps the timings of
 * both runs and the watch finds when the second execution started.
 */
enum TwoWayStep {
    VERIFY(DeploymentStatus.VERIFYING, "verify", "verifyKnownGood"),
    PREREQUISITES(DeploymentStatus.CHECKING, "prerequisites", "checkKnownGood"),
    PREVIEW(DeploymentStatus.PREVIEWING, "preview", "previewKnownGood"),
    EXECUTE(DeploymentStatus.EXECUTING, "execute", "executeKnownGood");

    private final DeploymentStatus forward;
    private final String forwardName;
    private final String knownGoodName;

    TwoWayStep(DeploymentStatus forward, String forwardName, String knownGoodName) {
        this.forward = forward;
        this.forwardName = forwardName;
        this.knownGoodName = knownGoodName;
    }

    DeploymentStatus status(Deployment deployment) {
        return DeploymentRecords.recovering(deployment) ? DeploymentStatus.ROLLING_BACK : forward;
    }

    /** The step's name in the record's events and timings. */
    String name(Deployment deployment) {
        return DeploymentRecords.recovering(deployment) ? knownGoodName : forwardName;
    }
}
