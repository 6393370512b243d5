package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class DeploymentPrimingTest {

    @Test
    void runsTheWorkersDecisionsOnCannedValues_withoutAnyCollaborator() {
        // A priming that throws would fail the SnapStart snapshot, and with it the function's deployment.
        assertThatCode(DeploymentPriming::prime).doesNotThrowAnyException();
    }
}
