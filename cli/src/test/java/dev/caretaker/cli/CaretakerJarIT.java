package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.RepoRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it, in its own JVM: the manifest's Main-Class, the filtered version,
 * service files and logging configuration all only show up in the real artifact (package runs
 * before the failsafe phase, so the jar is there).
 */
class CaretakerJarIT {

    private static final Path ROOT = RepoRoot.find();
    private static final Path JAR = ROOT.resolve("cli/target/caretaker.jar");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("CARETAKER_API");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void printsProjectVersion_whenJarRunWithVersion() throws Exception {
        Run result = jar("--version");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst()).contains("caretaker " + System.getProperty("caretaker.expectedVersion"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsCommandTree_whenJarRunWithHelp() throws Exception {
        Run result = jar("--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Usage: caretaker").contains("jobs").contains("webhook").contains("completion");
    }

    @Test
    void printsOneLineAndNothingElse_whenNoApiListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run result = jar("jobs", "list", "--api", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(
                "caretaker: no Caretaker API at http://127.0.0.1:" + closedPort + " (start one with ./caretaker local)");
    }

    @Test
    void runsTheJar_whenLauncherScriptFindsJavaHome() throws Exception {
        Run result = run(List.of("sh", ROOT.resolve("caretaker").toString(), "--version"),
                Map.of("JAVA_HOME", System.getProperty("java.home")));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("caretaker " + System.getProperty("caretaker.expectedVersion"));
    }

    @Test
    void stopsEveryPartAndExits_whenTheRunningLocalSystemIsSignalled(@TempDir Path dir) throws Exception {
        // Output to files: reading a pipe while the process exits races with the JDK closing it.
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "local", "--port", "0")
                .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(out).contains("Caretaker is running on") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as("started; stderr: %s", Files.readString(err)).contains("Caretaker is running on");

            // SIGTERM: the JVM runs the same shutdown hook for it as for Ctrl-C (SIGINT), which a test
            // cannot send reliably (a JVM started with SIGINT ignored never installs its handler).
            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after the signal").isTrue();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("DynamoDB Local stopped in"))
                    .anySatisfy(line -> assertThat(line).startsWith("ElasticMQ stopped in"))
                    .anySatisfy(line -> assertThat(line).startsWith("s3proxy stopped in"));
            assertThat(lines.getLast()).as("the system closed everything it started").isEqualTo("stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void tellsToBuildFirst_whenLauncherFindsNoJar(@TempDir Path elsewhere) throws Exception {
        Path script = Files.copy(ROOT.resolve("caretaker"), elsewhere.resolve("caretaker"));

        Run result = run(List.of("sh", script.toString(), "--version"), Map.of());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("caretaker.jar is missing").contains("./mvnw -q -DskipTests package");
    }
}
