package dev.caretaker.orchestrator.schedule;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Stacks selected by tag (an empty selection: every managed stack), from DescribeStacks over every page. The client is asked for only when a
 * selection is made, so an orchestrator whose configuration lists stacks by name never loads it.
 * Only stacks whose names start with the managed prefix are returned: the workers' permissions
 * reach no others, and a tag must not widen what Caretaker touches.
 */
public final class CloudFormationTaggedStacks implements TaggedStacks {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationTaggedStacks.class);

    private final Supplier<CloudFormationClient> cloudFormation;
    private final String managedPrefix;

    public CloudFormationTaggedStacks(Supplier<CloudFormationClient> cloudFormation, String managedPrefix) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.managedPrefix = Objects.requireNonNull(managedPrefix, "managedPrefix");
    }

    @Override
    public List<String> matching(Map<String, String> selector) {
        if (managedPrefix.isBlank()) {
            // Without a prefix every stack in the account would match: a selection must never be that wide.
            LOG.warn("MANAGED_STACK_PREFIX is not set: no stacks are selected by tag or by default");
            return List.of();
        }
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
