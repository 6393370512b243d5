package dev.caretaker.orchestrator.schedule;

import dev.caretaker.testing.LocalStackEngines;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

@Testcontainers(disabledWithoutDocker = true)
class SqsWorkQueuesLocalStackIT extends SqsWorkQueuesContract {

    @Container
    private static final LocalStackContainer LOCALSTACK = LocalStackEngines.container();

    @Override
    protected SqsClient client(SqsClientBuilder builder) {
        return LocalStackEngines.client(builder, LOCALSTACK);
    }
}
