package dev.caretaker.deployment.workflow;

import java.time.Instant;

/** What the policy gate decides for a deployment now. */
public sealed interface GateDecision {

    /** Deploy now; {@code why} says which rule let it through. */
    record Go(String why) implements GateDecision {
    }

    /** Wait until {@code until} (a window opens or a freeze ends), then ask again. */
    record WaitUntil(Instant until, String why) implements GateDecision {
    }

    /** Not now and not by waiting: {@code why} says what to do instead. */
    record Refuse(String why) implements GateDecision {
    }
}
