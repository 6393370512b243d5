package dev.caretaker.local.engines;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Where each running engine answers, as http://127.0.0.1:PORT. */
public record EngineEndpoints(URI dynamoDb, URI sqs, URI s3) {

    public EngineEndpoints {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(s3, "s3");
    }

    public URI of(Engine engine) {
        return switch (engine) {
            case DYNAMODB -> dynamoDb;
            case SQS -> sqs;
            case S3 -> s3;
        };
    }

    /**
     * The endpoint overrides a handler's environment needs to reach these engines:
     * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code _SQS} and {@code _S3}, the names
     * {@link dev.caretaker.aws.AwsClientFactory} (and the AWS tooling) read.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Engine engine : Engine.values()) {
            environment.put("AWS_ENDPOINT_URL_" + engine.serviceId(), of(engine).toString());
        }
        return Map.copyOf(environment);
    }
}
