package dev.caretaker.deployment.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepErrorsTest {

    @Test
    void showsAPermanentFailuresMessageAlone_whenCauseIsLambdasErrorDocument() {
        assertThat(StepErrors.describe(Map.of("Error", "dev.caretaker.work.PermanentFailure",
                "Cause", "{\"errorMessage\":\"TEMPLATE_MISMATCH: the template changed\",\"errorType\":\"dev.caretaker.work.PermanentFailure\","
                        + "\"stackTrace\":[\"a\"]}")))
                .isEqualTo("TEMPLATE_MISMATCH: the template changed");
    }

    @Test
    void keepsTheSimpleClassName_forOtherExceptions() {
        assertThat(StepErrors.describe(Map.of("Error", "software.amazon.awssdk.services.s3.model.S3Exception",
                "Cause", "{\"errorMessage\":\"Access Denied\",\"errorType\":\"software.amazon.awssdk.services.s3.model.S3Exception\"}")))
                .isEqualTo("S3Exception: Access Denied");
    }

    @Test
    void keepsStatesErrorsWhole_andTheCauseAsItIs_whenItIsNotLambdasDocument() {
        assertThat(StepErrors.describe(Map.of("Error", "States.Timeout", "Cause", "task timed out after 120 s")))
                .isEqualTo("States.Timeout: task timed out after 120 s");
    }

    @Test
    void saysNothing_whenThereIsNoError() {
        assertThat(StepErrors.describe(Map.of())).isNull();
    }
}
