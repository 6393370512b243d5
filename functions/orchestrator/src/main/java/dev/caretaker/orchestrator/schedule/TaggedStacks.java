package dev.caretaker.orchestrator.schedule;

import java.util.List;
import java.util.Map;

/** Port: the account's stacks that carry every one of the given tags. */
public interface TaggedStacks {

    /** Names of the live managed stacks whose tags include each {@code key: value} of {@code selector} (all when empty). */
    List<String> matching(Map<String, String> selector);
}
