package dev.caretaker.local.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sandbox's CloudWatch alarms and their states. An alarm is OK unless one of its
 * {@link AlarmRule}s holds: the rule's stack ran a template containing the rule's marker, and
 * {@code after} has passed since that template was deployed. States are computed from the stacks'
 * histories and the clock whenever asked, so they follow deployments and rollbacks and a test that
 * moves its clock.
 */
final class SandboxAlarms {

    private final Set<String> names = new LinkedHashSet<>();
    private final List<AlarmRule> rules;
    private final Instant start;
    private final String arnPrefix;
    private final Function<String, List<RunningPeriod>> history;

    SandboxAlarms(List<String> declared, List<AlarmRule> rules, Instant start, String region, String accountId,
                  Function<String, List<RunningPeriod>> history) {
        names.addAll(declared);
        rules.forEach(rule -> names.add(rule.alarmName()));
        this.rules = List.copyOf(rules);
        this.start = start;
        this.arnPrefix = "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:";
        this.history = history;
    }

    /** Every alarm, in the order the scenario declared them. */
    List<String> names() {
        return List.copyOf(names);
    }

    String arn(String name) {
        return arnPrefix + name;
    }

    /** The alarm an ARN names, if it is one of this account's. */
    Optional<String> named(String arn) {
        if (!arn.startsWith(arnPrefix)) {
            return Optional.empty();
        }
        String name = arn.substring(arnPrefix.length());
        return names.contains(name) ? Optional.of(name) : Optional.empty();
    }

    State state(String name, Instant now) {
        Instant lastChange = start;
        for (AlarmRule rule : rules) {
            if (!rule.alarmName().equals(name)) {
                continue;
            }
            for (Window window : windows(rule)) {
                if (!window.from().isAfter(now) && window.until().map(now::isBefore).orElse(true)) {
                    return new State("ALARM", window.from(), "Threshold Crossed: scripted by the Caretaker sandbox: stack " + rule.stack()
                            + " runs a template containing '" + rule.templateMarker() + "' (for " + rule.after() + " or more)");
                }
                if (window.until().isPresent() && !window.until().get().isAfter(now) && window.until().get().isAfter(lastChange)) {
                    lastChange = window.until().get();
                }
            }
        }
        return new State("OK", lastChange, "Threshold Crossed: scripted by the Caretaker sandbox: no alarm rule holds now");
    }

    /** When the stack ran a marked template long enough for the rule to hold: [deployed + after, replaced). */
    private List<Window> windows(AlarmRule rule) {
        List<Window> windows = new ArrayList<>();
        for (RunningPeriod period : history.apply(rule.stack())) {
            if (!period.template().contains(rule.templateMarker())) {
                continue;
            }
            Instant from = period.from().plus(rule.after());
            if (period.until().isEmpty() || period.until().get().isAfter(from)) {
                windows.add(new Window(from, period.until()));
            }
        }
        return windows;
    }

    /** Why an operation with these rollback triggers must roll back now: a trigger in ALARM, or one that does not exist. */
    Optional<String> triggerFired(RollbackSettings rollback, Instant now) {
        List<String> missing = new ArrayList<>();
        List<String> inAlarm = new ArrayList<>();
        for (String arn : rollback.alarmArns()) {
            Optional<String> name = named(arn);
            if (name.isEmpty()) {
                missing.add(arn);
            } else if (state(name.get(), now).value().equals("ALARM")) {
                inAlarm.add(arn);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("The following rollback trigger(s) do not exist: " + missing);
        }
        return inAlarm.isEmpty() ? Optional.empty()
                : Optional.of("Rollback triggered by the following alarm(s) in ALARM state: " + inAlarm);
    }

    record State(String value, Instant updated, String reason) {
    }

    private record Window(Instant from, Optional<Instant> until) {
    }
}
