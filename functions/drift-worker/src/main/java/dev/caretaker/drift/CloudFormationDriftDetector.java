package dev.caretaker.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;

/**
 * {@link DriftDetector} on CloudFormation: DetectStackDrift, poll its status, then list the
 * resources that are MODIFIED or DELETED (paginated).
 */
public final class CloudFormationDriftDetector implements DriftDetector {

    private final CloudFormationClient cloudFormation;
    private final Sleeper sleeper;
    private final Duration firstPoll;

    public CloudFormationDriftDetector(CloudFormationClient cloudFormation, Sleeper sleeper, Duration firstPoll) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.firstPoll = Objects.requireNonNull(firstPoll, "firstPoll");
    }

    @Override
    public DriftReport detect(String stack, Duration budget) throws InterruptedException {
        String detectionId;
        try {
            detectionId = cloudFormation.detectStackDrift(request -> request.stackName(stack)).stackDriftDetectionId();
        } catch (CloudFormationException e) {
            if (isMissingStack(e)) {
                throw new StackNotFound(stack);
            }
            throw e;
        }
        DescribeStackDriftDetectionStatusResponse status = awaitDetection(detectionId, stack, budget);
        if (status.detectionStatus() == StackDriftDetectionStatus.DETECTION_FAILED && status.stackDriftStatus() == null) {
            throw new IllegalStateException("drift detection failed on " + stack + ": " + status.detectionStatusReason());
        }
        List<DriftReport.DriftedResource> drifted = new ArrayList<>();
        cloudFormation.describeStackResourceDriftsPaginator(request -> request.stackName(stack)
                        .stackResourceDriftStatusFilters(StackResourceDriftStatus.MODIFIED, StackResourceDriftStatus.DELETED))
                .forEach(page -> page.stackResourceDrifts().forEach(resource -> drifted.add(toResource(resource))));
        return new DriftReport(stack, status.stackDriftStatusAsString(), drifted);
    }

    private DescribeStackDriftDetectionStatusResponse awaitDetection(String detectionId, String stack, Duration budget)
            throws InterruptedException {
        Duration waited = Duration.ZERO;
        Duration pause = firstPoll;
        while (true) {
            DescribeStackDriftDetectionStatusResponse status = cloudFormation.describeStackDriftDetectionStatus(
                    request -> request.stackDriftDetectionId(detectionId));
            if (status.detectionStatus() != StackDriftDetectionStatus.DETECTION_IN_PROGRESS) {
                return status;
            }
            if (waited.plus(pause).compareTo(budget) > 0) {
                throw new IllegalStateException("drift detection on " + stack + " still running after " + waited.toSeconds() + " s");
            }
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            // Detection takes seconds to minutes; back off so a big stack does not burn API quota.
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
        }
    }

    private static DriftReport.DriftedResource toResource(StackResourceDrift resource) {
        return new DriftReport.DriftedResource(resource.logicalResourceId(), resource.resourceType(),
                resource.stackResourceDriftStatusAsString(),
                resource.hasPropertyDifferences() ? resource.propertyDifferences().size() : 0);
    }

    private static boolean isMissingStack(CloudFormationException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return message != null && message.contains("does not exist");
    }

    /** Waiting, made replaceable so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }
}
