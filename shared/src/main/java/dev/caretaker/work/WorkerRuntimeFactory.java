package dev.caretaker.work;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.events.EventBridgePublisher;
import dev.caretaker.job.DynamoDbJobStore;
import dev.caretaker.observability.Observability;
import dev.caretaker.observability.PowertoolsWorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Wires a {@link WorkerRuntime} from a function's environment: what every worker's no-arg constructor does. */
public final class WorkerRuntimeFactory {

    /** Idempotency records outlive any redelivery: SQS keeps a message at most 14 days, but retries end within hours. */
    private static final Duration KEEP_RESULTS = Duration.ofHours(24);

    private WorkerRuntimeFactory() {
    }

    /**
     * Reads STATE_TABLE, IDEMPOTENCY_TABLE, EVENT_BUS_NAME and MAX_RECEIVE_COUNT; {@code work}
     * builds the worker's own function from the same client factory, so every client is made once.
     */
    public static WorkerRuntime fromEnvironment(WorkerIdentity identity, AwsClientFactory clients,
                                                Function<AwsClientFactory, Work> work) {
        DynamoDbClient dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
        EventBridgeClient events = clients.build(EventBridgeClient.builder(), "EVENTBRIDGE");
        String stateTable = clients.require("STATE_TABLE");
        int maxReceiveCount;
        try {
            maxReceiveCount = Integer.parseInt(clients.require("MAX_RECEIVE_COUNT"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("MAX_RECEIVE_COUNT must be a whole number", e);
        }
        return new WorkerRuntime(identity,
                new DynamoDbJobStore(dynamo, stateTable),
                new DynamoDbIdempotencyStore(dynamo, clients.require("IDEMPOTENCY_TABLE"), KEEP_RESULTS),
                new EventBridgePublisher(events, clients.require("EVENT_BUS_NAME")),
                new DynamoDbDeadLetterLog(dynamo, stateTable),
                new PowertoolsWorkerMetrics(Observability.metrics(clients.optional("POWERTOOLS_METRICS_NAMESPACE", "Caretaker"))),
                Clock.systemUTC(),
                maxReceiveCount,
                work.apply(clients));
    }
}
