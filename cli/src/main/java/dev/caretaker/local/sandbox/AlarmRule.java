package dev.caretaker.local.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * When a sandbox CloudWatch alarm is in ALARM: while {@code stack} runs a template whose text
 * contains {@code templateMarker}, from {@code after} past the moment that template's resources were
 * all deployed (zero: at once). Out of that window the alarm is OK. A rollback back to a template
 * without the marker ends the window, as a fixed release would.
 *
 * <pre>{@code
 * AlarmRule.alarm("app-5xx").whileStack("app").runsTemplateContaining("Version: 1.6.0").after(Duration.ofMinutes(3))
 * }</pre>
 */
public record AlarmRule(String alarmName, String stack, String templateMarker, Duration after) {

    public AlarmRule {
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(templateMarker, "templateMarker");
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("an alarm cannot fire before the deployment, was " + after);
        }
    }

    public static Named alarm(String alarmName) {
        return new Named(alarmName);
    }

    public AlarmRule after(Duration delay) {
        return new AlarmRule(alarmName, stack, templateMarker, delay);
    }

    /** An alarm named, before the stack it watches. */
    public record Named(String alarmName) {
        public ForStack whileStack(String stack) {
            return new ForStack(alarmName, stack);
        }
    }

    /** An alarm and its stack, before the template marker. */
    public record ForStack(String alarmName, String stack) {
        public AlarmRule runsTemplateContaining(String templateMarker) {
            return new AlarmRule(alarmName, stack, templateMarker, Duration.ZERO);
        }
    }
}
