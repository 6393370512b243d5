package dev.caretaker.local;

import dev.caretaker.aws.AwsClientFactory;
import dev.caretaker.local.events.SqsEventSource;
import dev.caretaker.local.functions.LocalFunction;
import dev.caretaker.local.resources.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every SQS event source of the template, each polled by its own {@link QueuePollingLoop} on one
 * shared SQS client; closing stops the loops first, then the client they use.
 */
final class SqsEventSourceLoops implements AutoCloseable {

    private final SqsClient sqs;
    private final List<QueuePollingLoop> loops;

    private SqsEventSourceLoops(SqsClient sqs, List<QueuePollingLoop> loops) {
        this.sqs = sqs;
        this.loops = loops;
    }

    /**
     * @param workers the SQS functions by logical id, one for each source's function
     */
    static SqsEventSourceLoops start(AwsClientFactory engineClients, List<SqsEventSource> sources, LocalResources resources,
                                     Map<String, LocalFunction.Sqs> workers, LocalFunctionFactory functions,
                                     LocalSystemListener listener) {
        SqsClient sqs = engineClients.build(SqsClient.builder(), "SQS");
        List<QueuePollingLoop> loops = new ArrayList<>();
        SqsEventSourceLoops started = new SqsEventSourceLoops(sqs, loops);
        try {
            for (SqsEventSource source : sources) {
                LocalFunction.Sqs function = workers.get(source.functionLogicalId());
                // Lambda allows batches up to 10,000 with a batching window; one receive returns at most 10.
                SqsEventSourcePoller poller = new SqsEventSourcePoller(sqs, resources.get(source.queueLogicalId()).url(),
                        resources.parameters().account().region(), Math.min(10, source.batchSize()),
                        (event, none) -> function.invoke(event, functions.context(source.functionLogicalId())));
                loops.add(QueuePollingLoop.start(poller, source.functionLogicalId(), listener));
            }
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (QueuePollingLoop loop : loops) {
            try {
                loop.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sqs.close();
    }
}
