package dev.caretaker.local.resources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logical id a template value points at, without resolving it: {@code !Ref X},
 * {@code !Ref X.Alias} (SAM's function alias), {@code !GetAtt X.Arn}. What wires targets,
 * event sources and dead-letter queues to each other.
 */
public final class TemplateRefs {

    private TemplateRefs() {
    }

    public static Optional<String> logicalIdIn(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return Optional.empty();
        }
        if (map.get("Ref") instanceof String ref) {
            // SAM's AutoPublishAlias makes "Function.Alias" (and "Function.Version") referable.
            int dot = ref.indexOf('.');
            return Optional.of(dot < 0 ? ref : ref.substring(0, dot));
        }
        if (map.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2 && getAtt.get(0) instanceof String id) {
            return Optional.of(id);
        }
        return Optional.empty();
    }

    /** The logical id {@code value} points at, or an error saying what was found at {@code where}. */
    public static String requireLogicalId(Object value, String where) {
        return logicalIdIn(value).orElseThrow(() -> new LocalTemplateException(where + " must be !Ref or !GetAtt of a resource"
                + " in the template, found " + value + "; locally nothing exists outside the template"));
    }
}
