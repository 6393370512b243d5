package dev.caretaker.deployment.preview;

import dev.caretaker.deployment.stack.ResourceChange;
import java.util.List;

/** A resource change with Caretaker's judgement: risky or not, and why. */
public record ClassifiedChange(ResourceChange change, boolean stateful, boolean risky, List<String> reasons) {

    public ClassifiedChange {
        reasons = List.copyOf(reasons);
    }
}
