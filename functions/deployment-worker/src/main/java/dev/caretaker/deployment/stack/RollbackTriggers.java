package dev.caretaker.deployment.stack;

import java.util.List;

/**
 * CloudFormation rollback triggers: the alarms that roll a change back while it runs and for
 * {@code monitoringMinutes} after (the configuration's {@code rollback: {alarms, monitoringMinutes}}).
 */
public record RollbackTriggers(List<String> alarmArns, int monitoringMinutes) {

    /** CloudFormation's limits: at most 5 triggers, 0 to 180 minutes of monitoring. */
    public static final int MAX_ALARMS = 5;
    public static final int MAX_MONITORING_MINUTES = 180;

    public RollbackTriggers {
        alarmArns = List.copyOf(alarmArns);
        if (alarmArns.size() > MAX_ALARMS) {
            throw new IllegalArgumentException("rollback.alarms: CloudFormation takes at most " + MAX_ALARMS
                    + " rollback alarms, got " + alarmArns.size());
        }
        for (String arn : alarmArns) {
            if (!arn.startsWith("arn:") || !arn.contains(":cloudwatch:") || !arn.contains(":alarm:")) {
                throw new IllegalArgumentException("rollback.alarms: '" + arn + "' is not a CloudWatch alarm ARN"
                        + " (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)");
            }
        }
        if (monitoringMinutes < 0 || monitoringMinutes > MAX_MONITORING_MINUTES) {
            throw new IllegalArgumentException("rollback.monitoringMinutes: 0 to " + MAX_MONITORING_MINUTES
                    + " expected, got " + monitoringMinutes);
        }
    }

    public static RollbackTriggers none() {
        return new RollbackTriggers(List.of(), 0);
    }
}
