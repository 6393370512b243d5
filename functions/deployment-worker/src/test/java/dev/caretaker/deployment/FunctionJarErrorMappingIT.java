package dev.caretaker.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployed jar (target/function.jar, built at package, before this runs) maps AWS errors as the
 * function needs: functions/shrink takes out of each SDK client the error mappings of exceptions
 * that no kept operation declares and no code catches. A declared error must still arrive as its
 * own exception; any other as the service's exception with its code, status and message intact.
 * Run in a JVM of its own with only the jar and the probe on the class path, as Lambda runs it.
 */
class FunctionJarErrorMappingIT {

    private static final Path JAR = Path.of("target/function.jar");
    /** The shaded jar is about 38 MB and the shrunk one under 15; -Dexec.skip leaves the shaded one. */
    private static final long SHRUNK_AT_MOST = 20_000_000;

    @Test
    void mapsDeclaredErrorsToTheirOwnExceptions_andTheRestToTheServiceException() throws Exception {
        assertThat(JAR).as("build the jar first: ./mvnw package -pl functions/deployment-worker -am").isRegularFile();
        boolean shrunk = Files.size(JAR) <= SHRUNK_AT_MOST;

        List<String> lines = probe("ssm:ParameterNotFound", "ssm:TooManyUpdates",
                "cloudformation:AlreadyExistsException", "cloudformation:StackNotFoundException");

        String ssm = "software.amazon.awssdk.services.ssm.model.";
        String cloudFormation = "software.amazon.awssdk.services.cloudformation.model.";
        assertThat(lines).containsExactly(
                "ssm:ParameterNotFound -> " + ssm + "ParameterNotFoundException ParameterNotFound 400 says ParameterNotFound",
                "ssm:TooManyUpdates -> " + ssm + (shrunk ? "SsmException" : "TooManyUpdatesException")
                        + " TooManyUpdates 400 says TooManyUpdates",
                "cloudformation:AlreadyExistsException -> " + cloudFormation
                        + "AlreadyExistsException AlreadyExistsException 400 says AlreadyExistsException",
                "cloudformation:StackNotFoundException -> " + cloudFormation + (shrunk ? "CloudFormationException" : "StackNotFoundException")
                        + " StackNotFoundException 400 says StackNotFoundException");
    }

    @Test
    void keepsOnlyTheExceptionsOfTheOperationsItCalls_whenShrunk() throws IOException {
        assertThat(JAR).isRegularFile();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            String ssm = "software/amazon/awssdk/services/ssm/model/";
            assertThat(jar.getEntry(ssm + "ParameterNotFoundException.class")).as("declared by GetParameter").isNotNull();
            if (Files.size(JAR) <= SHRUNK_AT_MOST) {
                long ssmExceptions = jar.stream()
                        .filter(entry -> entry.getName().startsWith(ssm) && entry.getName().endsWith("Exception.class"))
                        .count();
                // GetParameter declares four; SsmException is their base. The service has 139.
                assertThat(ssmExceptions).isEqualTo(5);
                assertThat(jar.getEntry(ssm + "TooManyUpdatesException.class")).isNull();
            }
        }
    }

    private static List<String> probe(String... calls) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR + java.io.File.pathSeparator + "target/test-classes", ErrorMappingProbe.class.getName()));
        command.addAll(List.of(calls));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.contains(" -> ")).toList();
    }
}
