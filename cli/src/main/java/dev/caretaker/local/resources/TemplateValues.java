package dev.caretaker.local.resources;

import dev.caretaker.template.Template;
import java.util.Map;
import java.util.Objects;

/**
 * Template values that depend on parameters only ({@code !Ref SomeParameter}, {@code !Sub} with
 * pseudo parameters, {@code !FindInMap}), resolved before any resource exists: what schedules and
 * other settings read.
 */
public final class TemplateValues {

    private final Intrinsics intrinsics;

    public TemplateValues(Template template, TemplateParameters parameters) {
        this.intrinsics = new Intrinsics(Objects.requireNonNull(template, "template"),
                Objects.requireNonNull(parameters, "parameters"), Map.of());
    }

    /**
     * @param where names the value in error messages, e.g. {@code DriftJobSchedule.ScheduleExpression}
     * @throws LocalTemplateException if the value refers to a resource or cannot be resolved
     */
    public String resolve(Object value, String where) {
        try {
            return intrinsics.resolve(value);
        } catch (Intrinsics.NotLocal e) {
            throw new LocalTemplateException(where + " refers to " + e.getMessage() + "; only parameters can be referred to here");
        } catch (LocalTemplateException e) {
            throw new LocalTemplateException(where + ": " + e.getMessage());
        }
    }
}
