package dev.caretaker.local.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the sandbox account holds and how it behaves: its stacks (with injected drift), the
 * failures its APIs inject, the daily costs Cost Explorer reports, how many status polls a drift
 * detection stays in progress, and how many cost groups fit a page.
 */
public record SandboxScenario(List<SandboxStack> stacks, List<InjectedFailure> failures, List<DailyCost> costs,
                              int detectionPolls, int costGroupsPerPage, double cloudFormationCallsPerSecond) {

    /** No rate limit on CloudFormation calls. */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;

    public SandboxScenario {
        stacks = List.copyOf(stacks);
        failures = List.copyOf(failures);
        costs = List.copyOf(costs);
        if (detectionPolls < 0) {
            throw new IllegalArgumentException("detection polls cannot be negative, was " + detectionPolls);
        }
        if (!(cloudFormationCallsPerSecond > 0)) {
            throw new IllegalArgumentException("the CloudFormation rate limit must be positive, was " + cloudFormationCallsPerSecond);
        }
        if (costGroupsPerPage < 1) {
            throw new IllegalArgumentException("a cost page holds at least one group, was " + costGroupsPerPage);
        }
        Set<String> names = new HashSet<>();
        for (SandboxStack stack : stacks) {
            if (!names.add(stack.name())) {
                throw new IllegalArgumentException("two sandbox stacks are named " + stack.name());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An account with nothing in it. */
    public static SandboxScenario empty() {
        return builder().build();
    }

    public Optional<SandboxStack> stack(String name) {
        return stacks.stream().filter(stack -> stack.name().equals(name)).findFirst();
    }

    public static final class Builder {
        private final List<SandboxStack> stacks = new ArrayList<>();
        private final List<InjectedFailure> failures = new ArrayList<>();
        private final List<DailyCost> costs = new ArrayList<>();
        private int detectionPolls;
        private int costGroupsPerPage = 100;
        private double cloudFormationCallsPerSecond = UNLIMITED;

        private Builder() {
        }

        public Builder stack(String name, String status, SandboxResource... resources) {
            stacks.add(new SandboxStack(name, status, List.of(resources)));
            return this;
        }

        /** Every call of {@code operation} fails with {@code kind}. */
        public Builder failing(String operation, InjectedFailure.Kind kind) {
            failures.add(new InjectedFailure(operation, Optional.empty(), kind, InjectedFailure.ALWAYS));
            return this;
        }

        /** The first {@code times} calls of {@code operation} on {@code stack} fail with {@code kind}. */
        public Builder failing(String operation, String stack, InjectedFailure.Kind kind, int times) {
            failures.add(new InjectedFailure(operation, Optional.of(stack), kind, times));
            return this;
        }

        public Builder failure(InjectedFailure failure) {
            failures.add(failure);
            return this;
        }

        public Builder dailyCost(LocalDate day, String service, String amount) {
            costs.add(new DailyCost(day, service, new BigDecimal(amount)));
            return this;
        }

        /** Drift detections answer DETECTION_IN_PROGRESS this many times before they complete. */
        public Builder detectionPolls(int polls) {
            this.detectionPolls = polls;
            return this;
        }

        /**
         * CloudFormation answers {@code Throttling} to calls beyond this rate (a token bucket holding one
         * second's worth), as the real API does beyond its account limits.
         */
        public Builder cloudFormationCallsPerSecond(double callsPerSecond) {
            this.cloudFormationCallsPerSecond = callsPerSecond;
            return this;
        }

        public Builder costGroupsPerPage(int groups) {
            this.costGroupsPerPage = groups;
            return this;
        }

        public SandboxScenario build() {
            return new SandboxScenario(stacks, failures, costs, detectionPolls, costGroupsPerPage, cloudFormationCallsPerSecond);
        }
    }
}
