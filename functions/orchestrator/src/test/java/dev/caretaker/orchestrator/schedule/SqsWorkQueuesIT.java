package dev.caretaker.orchestrator.schedule;

import dev.caretaker.testing.EmbeddedSqs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

class SqsWorkQueuesIT extends SqsWorkQueuesContract {

    private static EmbeddedSqs engine;

    @BeforeAll
    static void startEngine() {
        engine = EmbeddedSqs.start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Override
    protected SqsClient client(SqsClientBuilder builder) {
        return engine.newClient(builder);
    }
}
