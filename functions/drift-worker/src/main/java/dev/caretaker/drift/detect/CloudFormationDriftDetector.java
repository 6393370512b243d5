package dev.caretaker.drift.detect;

import dev.caretaker.drift.Sleeper;
import dev.caretaker.drift.budget.RateBudget;
import dev.caretaker.drift.report.DifferenceType;
import dev.caretaker.drift.report.PropertyDifference;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceDriftDocuments;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceDriftsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;

/**
 * {@link DriftDetector} on CloudFormation: DetectStackDrift, poll DescribeStackDriftDetectionStatus
 * with growing pauses, then page through DescribeStackResourceDrifts (every status: unchecked
 * resources and nested stacks are part of the answer). Every call first takes a token from the
 * shared {@link RateBudget}; a {@code Throttling} answer is retried after a pause.
 *
 * <p>Detection can fail for single resources (DETECTION_FAILED with a reason, resources reported
 * UNKNOWN with e.g. "Rate exceeded"): each is re-detected on its own with DetectStackResourceDrift;
 * what still fails stays UNKNOWN with its reason, which makes the report partial. Nested stacks
 * (AWS::CloudFormation::Stack) are not covered by their parent's detection, so each is detected in
 * turn, depth first; a nested stack whose detection fails is reported partial rather than failing
 * the whole check.
 */
public final class CloudFormationDriftDetector implements DriftDetector {

    // CloudFormation itself allows only a handful of nesting levels; this also stops a cycle.
    private static final int MAX_DEPTH = 5;
    private static final int MAX_RESULTS = 100;
    private static final Set<String> THROTTLING_CODES =
            Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");
    private static final Pattern RESOURCE_LIST = Pattern.compile("\\[([^\\]]+)]");

    private final CloudFormationClient cloudFormation;
    private final RateBudget budget;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DetectionPolicy policy;

    public CloudFormationDriftDetector(CloudFormationClient cloudFormation, RateBudget budget, Sleeper sleeper, Clock clock,
                                       DetectionPolicy policy) {
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Detection detect(String stack, Duration timeBudget) throws InterruptedException {
        Run run = new Run(clock.instant(), timeBudget);
        List<StackDrift> found = new ArrayList<>();
        detectStack(run, stack, stack, Optional.empty(), 0, new HashSet<>(), found);
        return new Detection(found, run.stats(clock.instant(), budget.callsPerSecond(), budget.burst()));
    }

    private void detectStack(Run run, String stackRef, String name, Optional<String> parent, int depth, Set<String> visited,
                             List<StackDrift> found) throws InterruptedException {
        visited.add(stackRef);
        String detectionId;
        try {
            detectionId = call(run, () -> cloudFormation.detectStackDrift(request -> request.stackName(stackRef))
                    .stackDriftDetectionId());
        } catch (CloudFormationException e) {
            if (isMissingStack(e)) {
                throw new StackNotFound(name);
            }
            throw e;
        }
        DescribeStackDriftDetectionStatusResponse status = awaitDetection(run, detectionId, name);
        boolean failed = status.detectionStatus() == StackDriftDetectionStatus.DETECTION_FAILED;
        if (failed && status.stackDriftStatus() == null) {
            throw new DetectionFailed("drift detection failed on " + name + ": " + status.detectionStatusReason());
        }
        Map<String, ResourceDrift> resources = listResourceDrifts(run, stackRef);
        Set<String> toRetry = new LinkedHashSet<>();
        resources.values().stream().filter(resource -> resource.status() == ResourceStatus.UNKNOWN)
                .forEach(resource -> toRetry.add(resource.logicalId()));
        List<String> problems = new ArrayList<>();
        if (failed) {
            List<String> named = resourcesNamedIn(status.detectionStatusReason());
            named.stream().filter(id -> !isSettled(resources.get(id))).forEach(toRetry::add);
            if (toRetry.isEmpty()) {
                problems.add("drift detection failed: " + status.detectionStatusReason());
            }
        }
        for (String logicalId : toRetry) {
            resources.put(logicalId, redetect(run, stackRef, logicalId, resources.get(logicalId), status.detectionStatusReason()));
        }
        List<ResourceDrift> nested = resources.values().stream()
                .filter(resource -> resource.isNestedStack() && resource.physicalId() != null
                        && resource.status() != ResourceStatus.DELETED && resource.status() != ResourceStatus.UNKNOWN)
                .toList();
        // A followed nested stack is reported as a stack of its own; its resource line only when it drifted itself.
        List<ResourceDrift> reported = resources.values().stream()
                .filter(resource -> !nested.contains(resource) || resource.status().drifted()).toList();
        found.add(new StackDrift(name, parent, reported, problems));
        for (ResourceDrift child : nested) {
            String childName = ResourceDriftDocuments.stackName(child.physicalId());
            if (visited.contains(child.physicalId())) {
                continue;
            }
            if (depth + 1 > MAX_DEPTH) {
                found.add(new StackDrift(childName, Optional.of(name), List.of(),
                        List.of("nested more than " + MAX_DEPTH + " levels deep: not checked")));
                continue;
            }
            try {
                detectStack(run, child.physicalId(), childName, Optional.of(name), depth + 1, visited, found);
            } catch (RuntimeException e) {
                found.add(new StackDrift(childName, Optional.of(name), List.of(), List.of("drift detection failed: " + message(e))));
            }
        }
    }

    private DescribeStackDriftDetectionStatusResponse awaitDetection(Run run, String detectionId, String stack)
            throws InterruptedException {
        Duration waited = Duration.ZERO;
        Duration pause = policy.firstPoll();
        while (true) {
            DescribeStackDriftDetectionStatusResponse status = call(run, () -> cloudFormation.describeStackDriftDetectionStatus(
                    request -> request.stackDriftDetectionId(detectionId)));
            if (status.detectionStatus() != StackDriftDetectionStatus.DETECTION_IN_PROGRESS) {
                return status;
            }
            // Counted in pauses, not wall time: the budget is about how long this run may keep polling.
            if (run.polled.plus(pause).compareTo(run.timeBudget) > 0) {
                throw new DetectionFailed("drift detection on " + stack + " still running after " + waited.toSeconds() + " s");
            }
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            run.polled = run.polled.plus(pause);
            pause = policy.pauseAfter(pause);
        }
    }

    private Map<String, ResourceDrift> listResourceDrifts(Run run, String stackRef) throws InterruptedException {
        Map<String, ResourceDrift> resources = new LinkedHashMap<>();
        String token = null;
        Set<String> seenTokens = new HashSet<>();
        do {
            String page = token;
            DescribeStackResourceDriftsResponse response = call(run, () -> cloudFormation.describeStackResourceDrifts(
                    request -> request.stackName(stackRef).maxResults(MAX_RESULTS).nextToken(page)));
            response.stackResourceDrifts().forEach(drift -> resources.put(drift.logicalResourceId(), toResource(drift)));
            token = response.nextToken();
            if (token != null && !seenTokens.add(token)) {
                throw new IllegalStateException("DescribeStackResourceDrifts returned page token " + token + " twice");
            }
        } while (token != null);
        return resources;
    }

    /** One resource on its own: DetectStackResourceDrift answers synchronously. */
    private ResourceDrift redetect(Run run, String stackRef, String logicalId, ResourceDrift known, String stackReason)
            throws InterruptedException {
        String reason = known != null && known.statusReason().isPresent() ? known.statusReason().get()
                : stackReason == null ? "drift detection failed" : stackReason;
        for (int attempt = 1; attempt <= Math.max(1, policy.resourceRetries()); attempt++) {
            try {
                StackResourceDrift drift = call(run, () -> cloudFormation.detectStackResourceDrift(
                        request -> request.stackName(stackRef).logicalResourceId(logicalId)).stackResourceDrift());
                ResourceDrift fresh = toResource(drift);
                if (fresh.status() != ResourceStatus.UNKNOWN) {
                    return fresh;
                }
                reason = fresh.statusReason().orElse(reason);
            } catch (CloudFormationException e) {
                reason = message(e);
                if (!isThrottling(e)) {
                    break;
                }
            }
            if (attempt < policy.resourceRetries()) {
                sleeper.sleep(policy.throttlePause(attempt));
            }
        }
        ResourceDrift base = known != null ? known
                : new ResourceDrift(logicalId, null, "unknown", ResourceStatus.UNKNOWN, List.of(), Optional.empty());
        return base.withStatus(ResourceStatus.UNKNOWN, Optional.of(reason));
    }

    /** Every call goes through the budget; throttling is retried after growing pauses, then rethrown. */
    private <T> T call(Run run, Supplier<T> request) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            run.waited = run.waited.plus(budget.acquire());
            run.calls++;
            try {
                return request.get();
            } catch (CloudFormationException e) {
                if (!isThrottling(e) || retry >= policy.throttleRetries()) {
                    throw e;
                }
                run.throttled++;
                sleeper.sleep(policy.throttlePause(retry + 1));
            }
        }
    }

    private static ResourceDrift toResource(StackResourceDrift drift) {
        ResourceStatus status = ResourceStatus.fromCloudFormation(drift.stackResourceDriftStatusAsString());
        List<PropertyDifference> differences = new ArrayList<>();
        if (drift.hasPropertyDifferences()) {
            drift.propertyDifferences().forEach(difference -> {
                DifferenceType type = DifferenceType.fromCloudFormation(difference.differenceTypeAsString());
                differences.add(new PropertyDifference(PropertyDifference.dottedPath(difference.propertyPath()),
                        PropertyDifference.parseValue(difference.expectedValue()),
                        PropertyDifference.parseValue(difference.actualValue()),
                        type == null ? DifferenceType.NOT_EQUAL : type));
            });
        }
        Optional<String> reason = Optional.ofNullable(drift.driftStatusReason()).filter(text -> !text.isBlank());
        if (status == null) {
            // A status newer than this SDK: say so instead of guessing it is in sync.
            status = ResourceStatus.UNKNOWN;
            reason = Optional.of("unrecognised drift status " + drift.stackResourceDriftStatusAsString());
        }
        return new ResourceDrift(drift.logicalResourceId(), drift.physicalResourceId(), drift.resourceType(), status,
                differences, reason);
    }

    private static boolean isSettled(ResourceDrift resource) {
        return resource != null && resource.status() != ResourceStatus.UNKNOWN;
    }

    /** "Failed to detect drift on resources [Function, Queue]: Rate exceeded" → Function, Queue. */
    static List<String> resourcesNamedIn(String reason) {
        if (reason == null) {
            return List.of();
        }
        Matcher matcher = RESOURCE_LIST.matcher(reason);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            for (String name : matcher.group(1).split(",")) {
                if (name.strip().matches("[A-Za-z0-9]+")) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    static boolean isThrottling(CloudFormationException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code != null && THROTTLING_CODES.contains(code)) || e.statusCode() == 429;
    }

    private static boolean isMissingStack(CloudFormationException e) {
        return message(e).contains("does not exist");
    }

    private static String message(RuntimeException e) {
        if (e instanceof CloudFormationException cf && cf.awsErrorDetails() != null && cf.awsErrorDetails().errorMessage() != null) {
            return cf.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Counters of one detection run. */
    private static final class Run {
        private final Instant started;
        private final Duration timeBudget;
        private int calls;
        private int throttled;
        private Duration waited = Duration.ZERO;
        private Duration polled = Duration.ZERO;

        Run(Instant started, Duration timeBudget) {
            this.started = started;
            this.timeBudget = timeBudget;
        }

        CallStats stats(Instant now, double callsPerSecond, double burst) {
            return new CallStats(calls, throttled, waited, Duration.between(started, now), callsPerSecond, burst);
        }
    }
}
