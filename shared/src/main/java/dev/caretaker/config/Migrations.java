package dev.caretaker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Carries a configuration file forward to {@link ConfigSchema#CURRENT_VERSION} by editing its text
 * in place: renamed keys are rewritten where they stand and {@code schemaVersion} is updated, and
 * nothing else in the file changes, so comments, blank lines, quoting and key order all survive.
 * A change that cannot be made as a text edit is refused with its location, never approximated.
 */
public final class Migrations {

    private final List<Migration> steps;
    private final SafeYamlLoader loader = new SafeYamlLoader();

    Migrations(List<Migration> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Migrations all() {
        return new Migrations(List.of(new RenameCostBudget()));
    }

    /** Every renamed key: old path to new key name, over all versions. */
    public Map<String, String> renamedKeys() {
        Map<String, String> renamed = new TreeMap<>();
        steps.forEach(step -> renamed.putAll(step.renamedKeys()));
        return renamed;
    }

    /** What migrating {@code text} gives. */
    public sealed interface Outcome {
        /** Already current: nothing to do. */
        record Current(int version) implements Outcome {
        }

        /** The rewritten text and each change, with where it was made. */
        record Migrated(int from, int to, String text, List<String> changes, List<String> notes) implements Outcome {
            public Migrated {
                changes = List.copyOf(changes);
                notes = List.copyOf(notes);
            }
        }

        /** Could not migrate; the problems say where and why. */
        record Refused(List<ConfigProblem> problems) implements Outcome {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    public Outcome migrate(String text, String file) {
        LoadedDocument document = loader.load(text, file);
        if (!document.readable()) {
            return new Outcome.Refused(document.problems());
        }
        ConfigNode root = document.root().orElseThrow();
        Optional<ConfigNode.ConfigScalar> versionNode = Nodes.scalar(Nodes.at(root, "schemaVersion"));
        List<String> notes = new ArrayList<>();
        int version;
        if (versionNode.isEmpty()) {
            version = 1;
            notes.add(file + ": no schemaVersion (a layer may leave it to the base): read as version 1 and left without one");
        } else if (versionNode.get().value() instanceof Long number && number >= 1 && number <= ConfigSchema.CURRENT_VERSION) {
            version = number.intValue();
        } else {
            return new Outcome.Refused(List.of(new ConfigProblem(versionNode.get().location(), "schemaVersion",
                    "cannot migrate from schemaVersion " + ConfigValues.show(versionNode.get().value()) + ": versions 1 to "
                            + ConfigSchema.CURRENT_VERSION + " are known")));
        }
        if (version == ConfigSchema.CURRENT_VERSION) {
            return new Outcome.Current(version);
        }
        TextEdits edits = new TextEdits(text);
        List<String> changes = new ArrayList<>();
        try {
            for (Migration step : steps) {
                if (step.from() < version) {
                    continue;
                }
                for (Migration.Rename rename : step.renames(root)) {
                    edits.replaceKey(rename.keyLocation(), rename.oldKey(), rename.newKey());
                    changes.add(rename.keyLocation() + ": " + rename.path() + " renamed to " + rename.newKey()
                            + " (" + step.description() + ")");
                }
            }
            versionNode.ifPresent(node -> {
                edits.replaceScalar(node.location(), String.valueOf(node.value()), String.valueOf(ConfigSchema.CURRENT_VERSION));
                changes.add(node.location() + ": schemaVersion " + node.value() + " changed to " + ConfigSchema.CURRENT_VERSION);
            });
        } catch (Migration.Blocked blocked) {
            return new Outcome.Refused(List.of(new ConfigProblem(blocked.location(), "", blocked.getMessage())));
        } catch (TextEdits.CannotEdit e) {
            return new Outcome.Refused(List.of(new ConfigProblem(e.location(), "", e.getMessage())));
        }
        String migrated = edits.apply();
        LoadedDocument check = loader.load(migrated, file);
        if (!check.readable() || !check.problems().isEmpty()) {
            return new Outcome.Refused(List.of(new ConfigProblem(new Location(file, 1, 1), "",
                    "the rewritten file would not read back cleanly; nothing was changed")));
        }
        notes.add("comments, blank lines, quoting and key order are kept: only the places listed changed");
        return new Outcome.Migrated(version, ConfigSchema.CURRENT_VERSION, migrated, changes, notes);
    }
}
