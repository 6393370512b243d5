package dev.caretaker.local.sandbox;

import java.util.List;
import java.util.Objects;

/** How a sandbox resource differs from its template, as drift detection will report it. */
public sealed interface InjectedDrift {

    /** CloudFormation's StackResourceDriftStatus for it. */
    String status();

    record Modified(List<Difference> differences) implements InjectedDrift {
        public Modified {
            if (differences.isEmpty()) {
                throw new IllegalArgumentException("a modified resource differs in at least one property");
            }
            differences = List.copyOf(differences);
        }

        @Override
        public String status() {
            return "MODIFIED";
        }
    }

    record Deleted() implements InjectedDrift {
        @Override
        public String status() {
            return "DELETED";
        }
    }

    /** One property that differs, at a path such as {@code /VersioningConfiguration/Status}. */
    record Difference(String propertyPath, String expectedValue, String actualValue) {
        public Difference {
            Objects.requireNonNull(propertyPath, "propertyPath");
            if (!propertyPath.startsWith("/")) {
                throw new IllegalArgumentException("a property path starts with /, was " + propertyPath);
            }
            Objects.requireNonNull(expectedValue, "expectedValue");
            Objects.requireNonNull(actualValue, "actualValue");
        }
    }
}
