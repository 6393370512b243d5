package dev.caretaker.local.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack's Outputs as far as the sandbox can know their values: literals, parameters, pseudo
 * parameters and Subs of those, a resource's Ref (its physical id). An output whose value needs
 * more (a GetAtt, a function) is left out rather than made up.
 */
final class StackOutputs {

    private final SandboxStacks stacks;
    private final LiveStack stack;

    StackOutputs(SandboxStacks stacks, LiveStack stack) {
        this.stacks = stacks;
        this.stack = stack;
    }

    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        if (!stack.templateGiven || stack.resources.isEmpty()) {
            return values;
        }
        ResolvedValues resolved = stacks.values(stack, stack.template, stack.parameters);
        stack.template.outputs().forEach((key, output) -> {
            if (output instanceof Map<?, ?> declaration) {
                Object value = declaration.get("Value");
                if (value instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String target
                        && stack.resources.containsKey(target)) {
                    values.put(key, stack.resources.get(target).physicalId());
                    return;
                }
                Object result = resolved.resolve(value);
                if (result instanceof String text) {
                    values.put(key, text);
                } else if (result instanceof Number || result instanceof Boolean) {
                    values.put(key, String.valueOf(result));
                } else if (result instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                    values.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
                }
            }
        });
        return values;
    }
}
