package dev.caretaker.config;

import java.util.List;
import java.util.Map;

/**
 * One step of the configuration's history: how a document of version {@link #from()} becomes
 * version {@code from() + 1}. A step says what it changes as edits to the text, so migrating keeps
 * every comment, blank line and quote the operator wrote.
 */
public interface Migration {

    int from();

    /** What the step does, for people: "cost.budget is renamed cost.monthlyBudget". */
    String description();

    /** Keys the step renames, by their old path (list indexes written {@code []}): old path to new key. */
    Map<String, String> renamedKeys();

    /** The key renames this document needs, or why it cannot be migrated. */
    List<Rename> renames(ConfigNode root);

    /** Rename the key written at {@code keyLocation} from {@code oldKey} to {@code newKey}. */
    record Rename(String path, Location keyLocation, String oldKey, String newKey) {
    }

    /** The document cannot be migrated as it stands; {@code reason} says what to change first. */
    final class Blocked extends RuntimeException {
        private final Location location;

        public Blocked(Location location, String reason) {
            super(reason);
            this.location = location;
        }

        public Location location() {
            return location;
        }
    }
}
