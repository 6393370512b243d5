package dev.caretaker.local.events;

import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.local.resources.TemplateRefs;
import dev.caretaker.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The template's event rules: {@code AWS::Events::Rule} resources, and the {@code EventBridgeRule}
 * (or {@code CloudWatchEvent}) events of SAM functions, which SAM turns into such rules with the
 * function as target. Input transformation is not supported locally and is refused, as is
 * anything else that would change what a target receives.
 */
public final class EventRules {

    private static final Set<String> SAM_EVENT_PROPERTIES = Set.of("Pattern", "EventBusName", "RuleName", "RetryPolicy",
            "DeadLetterConfig", "State", "Target");
    private static final Set<String> RULE_PROPERTIES = Set.of("EventPattern", "EventBusName", "Targets", "Name", "Description",
            "State", "RoleArn");
    private static final Set<String> TARGET_PROPERTIES = Set.of("Arn", "Id", "RetryPolicy", "DeadLetterConfig", "RoleArn");

    private EventRules() {
    }

    /**
     * @throws LocalTemplateException or {@link UnsupportedEventPatternException} naming the rule and what is not supported
     */
    public static List<EventRule> fromTemplate(Template template) {
        List<EventRule> rules = new ArrayList<>();
        for (Template.Resource resource : template.resources().values()) {
            if (resource.type().equals("AWS::Events::Rule")) {
                rule(resource).ifPresent(rules::add);
            } else if (resource.type().equals("AWS::Serverless::Function")
                    && resource.properties().get("Events") instanceof Map<?, ?> events) {
                events.forEach((name, event) -> samRule(resource.logicalId(), name.toString(), event).ifPresent(rules::add));
            }
        }
        return List.copyOf(rules);
    }

    private static Optional<EventRule> rule(Template.Resource resource) {
        String where = resource.logicalId();
        Map<String, Object> properties = resource.properties();
        unsupported(properties.keySet(), RULE_PROPERTIES, where);
        if (isDisabled(properties.get("State"))) {
            return Optional.empty();
        }
        if (!properties.containsKey("EventPattern")) {
            throw new LocalTemplateException(where + " has no EventPattern; scheduled rules are not run locally"
                    + " (the template schedules with AWS::Scheduler::Schedule, which LocalScheduler runs)");
        }
        List<String> targets = new ArrayList<>();
        if (properties.get("Targets") instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> target)) {
                    throw new LocalTemplateException(where + ".Targets holds mappings, found " + item);
                }
                Set<String> keys = new TreeSet<>();
                target.keySet().forEach(key -> keys.add(key.toString()));
                unsupported(keys, TARGET_PROPERTIES, where + ".Targets");
                targets.add(TemplateRefs.requireLogicalId(target.get("Arn"), where + ".Targets.Arn"));
            }
        }
        return Optional.of(new EventRule(where, bus(properties.get("EventBusName"), where),
                EventPattern.parse(properties.get("EventPattern"), where + ".EventPattern"), targets));
    }

    private static Optional<EventRule> samRule(String function, String name, Object event) {
        if (!(event instanceof Map<?, ?> definition)
                || !("EventBridgeRule".equals(definition.get("Type")) || "CloudWatchEvent".equals(definition.get("Type")))) {
            return Optional.empty();
        }
        // SAM names the generated rule <Function><Event>.
        String where = function + name;
        Map<?, ?> properties = definition.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
        Set<String> keys = new TreeSet<>();
        properties.keySet().forEach(key -> keys.add(key.toString()));
        unsupported(keys, SAM_EVENT_PROPERTIES, function + ".Events." + name);
        if (isDisabled(properties.get("State"))) {
            return Optional.empty();
        }
        return Optional.of(new EventRule(where, bus(properties.get("EventBusName"), where),
                EventPattern.parse(properties.get("Pattern"), function + ".Events." + name + ".Pattern"), List.of(function)));
    }

    private static Optional<String> bus(Object value, String where) {
        if (value == null || "default".equals(value)) {
            return Optional.empty();
        }
        return Optional.of(TemplateRefs.requireLogicalId(value, where + ".EventBusName"));
    }

    private static boolean isDisabled(Object state) {
        return "DISABLED".equals(state);
    }

    private static void unsupported(Set<String> present, Set<String> supported, String where) {
        List<String> unknown = present.stream().filter(key -> !supported.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new LocalTemplateException(where + " uses " + unknown + ", which the local event bus does not support"
                    + " (input transformation would change what the target receives)");
        }
    }
}
