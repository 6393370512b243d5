package dev.caretaker.deployment.health;

import java.util.List;
import java.util.Map;

/** Port: the current state of CloudWatch alarms. */
public interface AlarmStates {

    /**
     * The state of each alarm, by ARN: {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}. An alarm
     * that does not exist is missing from the answer.
     */
    Map<String, AlarmState> states(List<String> alarmArns);

    record AlarmState(String arn, String name, String value, String reason) {
        public boolean firing() {
            return "ALARM".equals(value);
        }
    }
}
