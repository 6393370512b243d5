package dev.caretaker.local.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda context a local invocation gets: a request id, the function's name and its deadline
 * from the template's Timeout, so code that budgets by remaining time (the worker runtime's
 * lease) behaves as it does in AWS.
 */
public final class LocalLambdaContext implements Context {

    private final String functionName;
    private final int memoryMb;
    private final Instant deadline;
    private final Clock clock;
    private final String requestId = UUID.randomUUID().toString();

    public LocalLambdaContext(String functionName, Duration timeout, int memoryMb, Clock clock) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName + ":live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
