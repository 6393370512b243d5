package dev.caretaker.local.sandbox;

import java.util.List;

/** A stack operation's RollbackConfiguration: the alarm ARNs that roll it back, and the minutes it is watched after. */
record RollbackSettings(List<String> alarmArns, int monitoringMinutes) {

    static final RollbackSettings NONE = new RollbackSettings(List.of(), 0);

    RollbackSettings {
        alarmArns = List.copyOf(alarmArns);
    }
}
