package dev.caretaker.deployment.health;

import dev.caretaker.deployment.health.AlarmStates.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a stack's health after a change from its rollback alarms: any alarm in ALARM fails it at
 * once; all quiet until the monitoring window closes passes it. INSUFFICIENT_DATA is not a failure
 * (a new alarm often has no data yet), and an alarm that does not exist is named in the reason
 * rather than failing a change that is already in place: it protects nothing either way.
 */
public final class HealthCheck {

    /** Alarms are not worth asking more often than CloudWatch evaluates them. */
    static final long MAX_POLL_SECONDS = 60;

    private HealthCheck() {
    }

    public static HealthVerdict judge(List<String> alarmArns, Map<String, AlarmState> states, Instant windowStart,
                                      Duration window, Instant now) {
        if (alarmArns.isEmpty()) {
            return new HealthVerdict.Healthy("no rollback alarms configured: nothing to watch after the change");
        }
        List<String> firing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String arn : alarmArns) {
            AlarmState state = states.get(arn);
            if (state == null) {
                missing.add(alarmName(arn));
            } else if (state.firing()) {
                firing.add(state.name() + (state.reason() == null || state.reason().isBlank() ? "" : " (" + state.reason() + ")"));
            }
        }
        String missingNote = missing.isEmpty() ? "" : "; alarms that do not exist and watch nothing: " + missing;
        if (!firing.isEmpty()) {
            return new HealthVerdict.Alarm(firing, "in ALARM " + minutes(Duration.between(windowStart, now))
                    + " into the health window: " + String.join(", ", firing) + missingNote);
        }
        Instant end = windowStart.plus(window);
        if (!now.isBefore(end)) {
            if (missing.size() == alarmArns.size()) {
                return new HealthVerdict.Healthy("none of the configured alarms exists, so nothing was watched: " + missing
                        + "; fix stacks[].rollback.alarms");
            }
            return new HealthVerdict.Healthy(quiet(alarmArns, missing) + " stayed out of ALARM for " + minutes(window) + missingNote);
        }
        long left = Math.max(1, Duration.between(now, end).toSeconds());
        return new HealthVerdict.Watching(Math.min(MAX_POLL_SECONDS, left), "watching " + alarmArns.size()
                + " alarms until " + end + missingNote);
    }

    /** The alarm name is the last part of its ARN: arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME (names may hold ':'). */
    public static String alarmName(String arn) {
        int at = arn.indexOf(":alarm:");
        return at < 0 ? arn : arn.substring(at + ":alarm:".length());
    }

    private static String quiet(List<String> arns, List<String> missing) {
        return String.join(", ", arns.stream().map(HealthCheck::alarmName).filter(name -> !missing.contains(name)).toList());
    }

    private static String minutes(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }
}
