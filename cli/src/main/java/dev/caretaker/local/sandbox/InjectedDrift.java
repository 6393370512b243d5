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

    /**
     * One property that differs, at a path such as {@code /VersioningConfiguration/Status}; values as
     * CloudFormation sends them (JSON text, or "null" for the side of an ADD or REMOVE that is absent).
     */
    record Difference(String propertyPath, String expectedValue, String actualValue, String differenceType) {

        public Difference(String propertyPath, String expectedValue, String actualValue) {
            this(propertyPath, expectedValue, actualValue, "NOT_EQUAL");
        }

        /** Something added outside the template: an ingress rule, a tag. */
        public static Difference added(String propertyPath, String actualValue) {
            return new Difference(propertyPath, "null", actualValue, "ADD");
        }

        public Difference {
            Objects.requireNonNull(propertyPath, "propertyPath");
            if (!propertyPath.startsWith("/")) {
                throw new IllegalArgumentException("a property path starts with /, was " + propertyPath);
            }
            Objects.requireNonNull(expectedValue, "expectedValue");
            Objects.requireNonNull(actualValue, "actualValue");
            if (!java.util.Set.of("ADD", "REMOVE", "NOT_EQUAL").contains(differenceType)) {
                throw new IllegalArgumentException("a difference is ADD, REMOVE or NOT_EQUAL, was " + differenceType);
            }
        }
    }
}
