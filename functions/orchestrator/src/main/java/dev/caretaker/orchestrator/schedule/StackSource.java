package dev.caretaker.orchestrator.schedule;

import java.util.List;

/** Port: the stacks a scheduled drift check covers. The configuration issue replaces the variable-based source. */
public interface StackSource {

    List<String> stacks();
}
