package dev.caretaker.deployment.health;

import java.util.List;

/** What the configured alarms say about a stack after its change. */
public sealed interface HealthVerdict {

    /** The alarms stayed out of ALARM for the whole monitoring window (or there is nothing to watch). */
    record Healthy(String why) implements HealthVerdict {
    }

    /** The window is still open and nothing fired: look again in {@code waitSeconds}. */
    record Watching(long waitSeconds, String why) implements HealthVerdict {
    }

    /** At least one alarm is in ALARM: the change is judged bad. */
    record Alarm(List<String> firing, String why) implements HealthVerdict {
        public Alarm {
            firing = List.copyOf(firing);
        }
    }
}
