package dev.caretaker.local.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox's deployments unfold, call by call: a change set stays pending for
 * {@code changeSetPolls} DescribeChangeSet calls; DescribeChangeSet and DescribeStackEvents pages
 * hold {@code changeSetPageSize} changes and {@code stackEventsPageSize} events (small by default,
 * so clients meet NextToken); each DescribeStacks or first-page DescribeStackEvents call on a stack
 * runs {@code stepsPerPoll} steps of its operation; one minute of MonitoringTimeInMinutes lasts
 * {@code monitoringMinute} on the sandbox clock (a demo can shorten it).
 */
public record DeploymentPacing(int changeSetPolls, int changeSetPageSize, int stackEventsPageSize, int stepsPerPoll,
                               Duration monitoringMinute) {

    public static final DeploymentPacing DEFAULT = new DeploymentPacing(1, 3, 5, 1, Duration.ofMinutes(1));

    public DeploymentPacing {
        if (changeSetPolls < 0) {
            throw new IllegalArgumentException("change set polls cannot be negative, was " + changeSetPolls);
        }
        if (changeSetPageSize < 1 || stackEventsPageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one item");
        }
        if (stepsPerPoll < 1) {
            throw new IllegalArgumentException("a poll runs at least one step, was " + stepsPerPoll);
        }
        Objects.requireNonNull(monitoringMinute, "monitoringMinute");
        if (monitoringMinute.isNegative()) {
            throw new IllegalArgumentException("a monitoring minute cannot be negative, was " + monitoringMinute);
        }
    }
}
