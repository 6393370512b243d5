package dev.caretaker.deployment.stack;

import java.util.List;
import java.util.Map;

/** A stack as DescribeStacks reports it. */
public record StackDescription(String stackName, String stackId, String status, String statusReason,
                               Map<String, String> parameters, Map<String, String> outputs, Map<String, String> tags,
                               List<String> capabilities) {

    public StackDescription {
        parameters = Map.copyOf(parameters);
        outputs = Map.copyOf(outputs);
        tags = Map.copyOf(tags);
        capabilities = List.copyOf(capabilities);
    }
}
