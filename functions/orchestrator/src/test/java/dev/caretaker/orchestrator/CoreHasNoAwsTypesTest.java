package dev.caretaker.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Design principle 1, checked: the HTTP API's decisions (signatures, parsing, routing answers) are
 * plain Java. Only the adapters named here may touch the AWS SDK.
 */
class CoreHasNoAwsTypesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/caretaker/orchestrator");
    private static final Set<String> ADAPTERS = Set.of(
            "aws/AwsErrors.java",
            "api/ApiRouter.java",
            "webhook/SecretsManagerWebhookSecrets.java",
            "webhook/SsmWebhookSecrets.java",
            "webhook/StepFunctionsDeploymentStarter.java",
            "webhook/DynamoDbDeliveryReplayGuard.java");

    @Test
    void importsNoAwsSdk_whenClassIsNotAnAdapter() throws IOException {
        List<Path> core;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            core = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.startsWith(SOURCES.resolve("api")) || file.startsWith(SOURCES.resolve("webhook"))
                            || file.startsWith(SOURCES.resolve("aws")))
                    .filter(file -> !ADAPTERS.contains(SOURCES.relativize(file).toString().replace('\\', '/')))
                    .toList();
        }

        assertThat(core).hasSizeGreaterThan(15);
        for (Path file : core) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("software.amazon.");
        }
    }
}
