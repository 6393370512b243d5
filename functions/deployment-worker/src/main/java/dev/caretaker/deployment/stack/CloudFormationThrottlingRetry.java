package dev.caretaker.deployment.stack;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Retries a CloudFormation call that was throttled, with jittered exponential backoff. CloudFormation
 * throttles per account and region, and a deployment shares that budget with drift detection and
 * the customer's own tooling; a throttled step should wait its turn, not fail the deployment.
 * Any other error is thrown at once.
 */
public final class CloudFormationThrottlingRetry {

    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");

    private final JitteredBackoff backoff;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public CloudFormationThrottlingRetry(JitteredBackoff backoff, Sleeper sleeper, RandomGenerator random) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static CloudFormationThrottlingRetry standard() {
        return new CloudFormationThrottlingRetry(JitteredBackoff.CLOUDFORMATION, Sleeper.threadSleep(), RandomGenerator.getDefault());
    }

    public <T> T call(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (AwsServiceException e) {
                if (!isThrottling(e) || attempt >= backoff.maxAttempts()) {
                    throw e;
                }
                pause(backoff.delayAfter(attempt, random), e);
            }
        }
    }

    public void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }

    static boolean isThrottling(AwsServiceException e) {
        return e.isThrottlingException()
                || (e.awsErrorDetails() != null && THROTTLING_CODES.contains(e.awsErrorDetails().errorCode()));
    }

    private void pause(Duration delay, AwsServiceException throttled) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throttled.addSuppressed(interrupted);
            throw throttled;
        }
    }
}
