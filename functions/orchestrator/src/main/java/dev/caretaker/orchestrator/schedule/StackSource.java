package dev.caretaker.orchestrator.schedule;

import java.util.List;

/** Port: the stacks a drift check covers (ConfiguredStackSource: the configuration's, else DRIFT_STACKS). */
public interface StackSource {

    List<String> stacks();
}
