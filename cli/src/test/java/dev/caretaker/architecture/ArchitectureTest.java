package dev.caretaker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.caretaker.testing.RepoRoot;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's first principle, checked: decisions are plain Java; only adapters (named after the
 * technology they adapt), Lambda handlers and the factories that wire them touch the AWS SDK.
 */
class ArchitectureTest {

    private static final List<String> ADAPTER_PREFIXES = List.of(
            "DynamoDb", "Sqs", "Sns", "EventBridge", "CloudFormation", "CostExplorer", "S3", "StepFunctions",
            "SecretsManager", "Ssm", "Sts", "Kms", "Iam", "ServiceQuotas", "CloudWatch", "Aws");
    private static final List<String> WIRING_SUFFIXES = List.of("Handler", "Factory");

    @Test
    void onlyAdaptersHandlersAndFactoriesImportTheAwsSdk_whenScanningAllMainSources() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : mainSources()) {
            String name = source.getFileName().toString().replace(".java", "");
            boolean allowed = ADAPTER_PREFIXES.stream().anyMatch(name::startsWith)
                    || WIRING_SUFFIXES.stream().anyMatch(name::endsWith);
            if (!allowed && Files.readString(source).contains("import software.amazon.awssdk.")) {
                offenders.add(root().relativize(source).toString());
            }
        }
        assertThat(offenders)
                .as("classes with decisions must not use AWS SDK types; move the SDK calls into an adapter named after its service")
                .isEmpty();
    }

    @Test
    void everyHandlerHasPublicNoArgConstructor_whenLambdaInstantiatesIt() throws Exception {
        List<String> handlers = new ArrayList<>();
        for (Path source : mainSources()) {
            String name = source.getFileName().toString();
            if (name.endsWith("Handler.java") && source.toString().contains("functions")) {
                String className = root().relativize(source).toString()
                        .replaceFirst(".*src/main/java/", "").replace(".java", "").replace('/', '.');
                Class<?> handler = Class.forName(className);
                assertThat(Modifier.isPublic(handler.getConstructor().getModifiers())).as(className).isTrue();
                handlers.add(className);
            }
        }
        assertThat(handlers).as("one Lambda handler per function").hasSize(5);
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(path -> path.toString().contains("src/main/java") && path.toString().endsWith(".java"))
                    .filter(path -> !path.toString().contains("/target/"))
                    // Measuring tools, not the product: bench/ wires engines and clients as a test would.
                    .filter(path -> !root().relativize(path).startsWith("bench"))
                    .toList();
        }
    }

    private static Path root() {
        return RepoRoot.find();
    }
}
