package dev.caretaker.local.demo;

import dev.caretaker.local.LocalBackend;
import dev.caretaker.testing.LocalStackEngines;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same day in the life with DynamoDB, SQS and S3 in LocalStack (`caretaker local --backend localstack`). */
@Testcontainers(disabledWithoutDocker = true)
class LocalDemoLocalStackIT extends LocalDemoIT {

    @Container
    private static final LocalStackContainer LOCALSTACK = LocalStackEngines.container();

    @Override
    protected LocalBackend backend() {
        return new LocalBackend.LocalStack(LOCALSTACK.getEndpoint());
    }
}
