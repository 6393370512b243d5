package dev.caretaker.deployment.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** {@link AlarmStates} from CloudWatch DescribeAlarms: one call for up to 100 alarms, by name. */
public final class CloudWatchAlarmStates implements AlarmStates {

    private final CloudWatchClient cloudWatch;

    public CloudWatchAlarmStates(CloudWatchClient cloudWatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    @Override
    public Map<String, AlarmState> states(List<String> alarmArns) {
        Map<String, String> arnsByName = new LinkedHashMap<>();
        for (String arn : alarmArns) {
            arnsByName.put(HealthCheck.alarmName(arn), arn);
        }
        Map<String, AlarmState> states = new LinkedHashMap<>();
        if (arnsByName.isEmpty()) {
            return states;
        }
        // Rollback triggers are at most five alarms: one page always holds them.
        for (MetricAlarm alarm : cloudWatch.describeAlarms(request -> request.alarmNames(arnsByName.keySet())).metricAlarms()) {
            String arn = arnsByName.get(alarm.alarmName());
            if (arn != null) {
                states.put(arn, new AlarmState(arn, alarm.alarmName(), alarm.stateValueAsString(), alarm.stateReason()));
            }
        }
        return states;
    }
}
