package dev.caretaker.local.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the sandbox account holds and how it behaves: its stacks (with injected drift, and the
 * templates deployments update), the failures its APIs inject, the daily costs Cost Explorer
 * reports, how many status polls a drift detection stays in progress, how many cost groups fit a
 * page; for deployments, the scripted faults, the CloudWatch alarms and the rules that put them in
 * ALARM, and the pacing; for prerequisite checks, the IAM actions denied and the service quotas.
 */
public record SandboxScenario(List<SandboxStack> stacks, List<InjectedFailure> failures, List<DailyCost> costs,
                              int detectionPolls, int costGroupsPerPage, double cloudFormationCallsPerSecond,
                              List<DeploymentFault> deploymentFaults, List<String> alarms, List<AlarmRule> alarmRules,
                              DeploymentPacing pacing, Set<String> deniedActions, List<ScriptedQuota> quotas) {

    /** No rate limit on CloudFormation calls. */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;

    public SandboxScenario {
        stacks = List.copyOf(stacks);
        failures = List.copyOf(failures);
        costs = List.copyOf(costs);
        deploymentFaults = List.copyOf(deploymentFaults);
        alarms = List.copyOf(alarms);
        alarmRules = List.copyOf(alarmRules);
        Objects.requireNonNull(pacing, "pacing");
        deniedActions = Set.copyOf(deniedActions);
        quotas = List.copyOf(quotas);
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
        private final List<DeploymentFault> deploymentFaults = new ArrayList<>();
        private final Set<String> alarms = new LinkedHashSet<>();
        private final List<AlarmRule> alarmRules = new ArrayList<>();
        private final Set<String> deniedActions = new LinkedHashSet<>();
        private final List<ScriptedQuota> quotas = new ArrayList<>();
        private int detectionPolls;
        private int costGroupsPerPage = 100;
        private double cloudFormationCallsPerSecond = UNLIMITED;
        private DeploymentPacing pacing = DeploymentPacing.DEFAULT;

        private Builder() {
        }

        public Builder stack(String name, String status, SandboxResource... resources) {
            stacks.add(new SandboxStack(name, status, List.of(resources)));
            return this;
        }

        public Builder stack(SandboxStack stack) {
            stacks.add(stack);
            return this;
        }

        /** A stack deployed from {@code templateBody} with these parameters, ready for the next deployment. */
        public Builder deployedStack(String name, String templateBody, Map<String, String> parameters) {
            return stack(SandboxStack.deployed(name, templateBody, parameters));
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

        /** A deployment that fails (see {@link DeploymentFault#onStack}). */
        public Builder deploymentFault(DeploymentFault fault) {
            deploymentFaults.add(fault);
            return this;
        }

        /** CloudWatch alarms that exist (OK unless a rule says otherwise); alarms named by rules exist too. */
        public Builder alarm(String... names) {
            alarms.addAll(List.of(names));
            return this;
        }

        /** When an alarm is in ALARM (see {@link AlarmRule#alarm}). */
        public Builder alarmRule(AlarmRule rule) {
            alarmRules.add(rule);
            return this;
        }

        public Builder pacing(DeploymentPacing deploymentPacing) {
            this.pacing = deploymentPacing;
            return this;
        }

        /** A change set stays CREATE_PENDING / CREATE_IN_PROGRESS for this many DescribeChangeSet calls (default 1). */
        public Builder changeSetPolls(int polls) {
            pacing = new DeploymentPacing(polls, pacing.changeSetPageSize(), pacing.stackEventsPageSize(), pacing.stepsPerPoll(),
                    pacing.monitoringMinute());
            return this;
        }

        public Builder changeSetPageSize(int changes) {
            pacing = new DeploymentPacing(pacing.changeSetPolls(), changes, pacing.stackEventsPageSize(), pacing.stepsPerPoll(),
                    pacing.monitoringMinute());
            return this;
        }

        public Builder stackEventsPageSize(int events) {
            pacing = new DeploymentPacing(pacing.changeSetPolls(), pacing.changeSetPageSize(), events, pacing.stepsPerPoll(),
                    pacing.monitoringMinute());
            return this;
        }

        /** Each look at a stack (DescribeStacks, DescribeStackEvents) runs this many steps of its operation (default 1). */
        public Builder stepsPerPoll(int steps) {
            pacing = new DeploymentPacing(pacing.changeSetPolls(), pacing.changeSetPageSize(), pacing.stackEventsPageSize(), steps,
                    pacing.monitoringMinute());
            return this;
        }

        /** How long a minute of MonitoringTimeInMinutes lasts on the sandbox clock (default a minute). */
        public Builder monitoringMinute(Duration minute) {
            pacing = new DeploymentPacing(pacing.changeSetPolls(), pacing.changeSetPageSize(), pacing.stackEventsPageSize(),
                    pacing.stepsPerPoll(), minute);
            return this;
        }

        /** iam:SimulatePrincipalPolicy answers implicitDeny for this action (every other is allowed). */
        public Builder deniedAction(String action) {
            deniedActions.add(action);
            return this;
        }

        public Builder serviceQuota(String serviceCode, String quotaCode, double value) {
            quotas.add(new ScriptedQuota(serviceCode, quotaCode, value));
            return this;
        }

        public SandboxScenario build() {
            return new SandboxScenario(stacks, failures, costs, detectionPolls, costGroupsPerPage, cloudFormationCallsPerSecond,
                    deploymentFaults, List.copyOf(alarms), alarmRules, pacing, deniedActions, quotas);
        }
    }
}
