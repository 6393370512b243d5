package dev.caretaker.orchestrator.schedule;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Stacks selected by tag, from DescribeStacks over every page. The client is asked for only when a
 * selection is made, so an orchestrator whose configuration lists stacks by name never loads it.
 * Only stacks whose names start with the managed prefix are returned: the workers' permissions
 * reach no others, and a tag must not widen what Caretaker touches.
 */
public final class CloudFormationTaggedStacks implements TaggedStacks {

    private final Supplier<CloudFormationClient> cloudFormation;
    private final String managedPrefix;

    public CloudFormationTaggedStacks(Supplier<CloudFormationClient> cloudFormation, String managedPrefix) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.managedPrefix = Objects.requireNonNull(managedPrefix, "managedPrefix");
    }

    @Override
    public List<String> matching(Map<String, String> selector) {
        return cloudFormation.get().describeStacksPaginator(request -> { }).stacks().stream()
                .filter(stack -> stack.stackStatus() != StackStatus.DELETE_COMPLETE)
                .filter(stack -> stack.stackName().startsWith(managedPrefix))
                .filter(stack -> carries(stack, selector))
                .map(Stack::stackName)
                .toList();
    }

    private static boolean carries(Stack stack, Map<String, String> selector) {
        Map<String, String> tags = stack.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
        return selector.entrySet().stream().allMatch(wanted -> wanted.getValue().equals(tags.get(wanted.getKey())));
    }
}
