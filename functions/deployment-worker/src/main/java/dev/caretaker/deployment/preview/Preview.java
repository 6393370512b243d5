package dev.caretaker.deployment.preview;

import dev.caretaker.deployment.stack.ChangeAction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A change set classified: what changes, and whether a person should look before it runs. */
public record Preview(String stackName, String changeSetName, List<ClassifiedChange> changes) {

    public Preview {
        changes = List.copyOf(changes);
    }

    public boolean risky() {
        return changes.stream().anyMatch(ClassifiedChange::risky);
    }

    public List<String> riskReasons() {
        return changes.stream().flatMap(change -> change.reasons().stream()).toList();
    }

    /** Changes per action, in the order add, modify, remove, import, dynamic; actions with none left out. */
    public Map<ChangeAction, Integer> counts() {
        Map<ChangeAction, Integer> counts = new TreeMap<>();
        for (ClassifiedChange change : changes) {
            counts.merge(change.change().action(), 1, Integer::sum);
        }
        return counts;
    }
}
