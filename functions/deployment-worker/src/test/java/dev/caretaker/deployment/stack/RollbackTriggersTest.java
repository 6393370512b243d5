package dev.caretaker.deployment.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackTriggersTest {

    private static final String ALARM = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:app-5xx";

    @Test
    void refusesWhatCloudFormationWould_whenOutOfItsLimits() {
        assertThatThrownBy(() -> new RollbackTriggers(Collections.nCopies(6, ALARM), 10))
                .hasMessage("rollback.alarms: CloudFormation takes at most 5 rollback alarms, got 6");
        assertThatThrownBy(() -> new RollbackTriggers(List.of(ALARM), 181))
                .hasMessage("rollback.monitoringMinutes: 0 to 180 expected, got 181");
        assertThatThrownBy(() -> new RollbackTriggers(List.of("app-5xx"), 10))
                .hasMessageContaining("'app-5xx' is not a CloudWatch alarm ARN");
    }
}
