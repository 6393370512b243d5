package dev.caretaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.resources.ResourceNaming;
import dev.caretaker.local.resources.TemplateResources;
import dev.caretaker.local.stepfunctions.HistoryEvent;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import dev.caretaker.testing.RepoRoot;
import dev.caretaker.template.Template;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assembled local runtime over real HTTP: a signed release webhook becomes a DEPLOY job, the
 * deployment state machine runs the real deployment worker against the sandbox account, and the
 * status API reports the job SUCCEEDED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSystemIT {

    private final Path templateFile = RepoRoot.find().resolve("template.yaml");
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ANNOUNCED_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    private LocalSystem system;
    private URI api;
    /** This JVM's listening ports before start, and those the system added (taken just before close). */
    private Set<Integer> listeningBefore;
    private Set<Integer> listeningWhileRunning = Set.of();

    @BeforeAll
    void start() throws IOException {
        listeningBefore = listeningPorts();
        system = LocalSystem.start(new LocalSystemOptions(templateFile, 0, 1, Optional.empty()), line -> {
            progress.add(line);
            System.out.println("[local] " + line);
        });
        api = system.apiEndpoint();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aSignedReleaseWebhookDeploysThroughTheStateMachine_andTheJobEndsSucceeded() throws Exception {
        byte[] body = Json.write(Map.of("event", "release.published", "release", Map.of("stack", "app", "version", "1.4.0",
                "manifest", system.releaseManifest("app", "1.4.0")))).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(api.resolve("/webhooks/vendor"))
                .header("Content-Type", "application/json")
                .header("X-Caretaker-Signature", SignatureVerifier.caretakerHeader(Instant.now().getEpochSecond(), body,
                        system.webhookSecret()))
                .header("X-Caretaker-Delivery", "it-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = Json.read(accepted.body(), JsonNode.class).get("jobId").asText();

        JsonNode job = awaitJob(jobId, Duration.ofSeconds(60));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("type").asText()).isEqualTo("DEPLOY");
        assertThat(visited(jobId)).containsSubsequence("Begin", "Verify", "Gate", "Prerequisites", "Preview", "Execute", "Watch",
                "CheckHealth", "Finish", "Deployed");

        HttpResponse<String> listing = get("/jobs?type=DEPLOY");
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        Json.read(listing.body(), JsonNode.class).get("jobs").forEach(listedJob -> listed.add(listedJob.get("id").asText()));
        assertThat(listed).contains(jobId);
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("webhook /webhooks/vendor → job " + jobId))
                .anySatisfy(line -> assertThat(line).startsWith("state machine step: verify"));
    }

    @Test
    @Order(2)
    void theRunningSystemHoldsExactlyTheTemplatesLocallyCreatedResources_plusItsStandIns() throws IOException {
        Template template = Template.load(templateFile);
        List<String> createdLocally = new ArrayList<>();
        var plan = new TemplateResources(template, ResourceNaming.DEFAULT).plan(system.resources().parameters());
        template.resources().keySet().stream().filter(id -> !plan.notCreated().containsKey(id)).forEach(createdLocally::add);

        assertThat(system.resources().resources().keySet())
                .containsExactlyInAnyOrderElementsOf(concat(createdLocally,
                        List.of("DeploymentStateMachine", "NotificationTopic", "WebhookSecret")));
    }

    @Test
    @Order(3)
    void closeLeavesTheApiPortClosed() throws IOException {
        int port = api.getPort();
        Set<Integer> running = new TreeSet<>(listeningPorts());
        running.removeAll(listeningBefore);
        listeningWhileRunning = running;
        system.close();
        system = null;
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    @Order(4)
    void closeLeftNothingListening_ofAllThePortsTheSystemOpenedAndAnnounced() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads this JVM's sockets from /proc (Linux)");
        assertThat(system).as("closed by the test before").isNull();
        Set<Integer> announced = new TreeSet<>();
        progress.forEach(line -> {
            Matcher port = ANNOUNCED_PORT.matcher(line);
            while (port.find()) {
                announced.add(Integer.parseInt(port.group(1)));
            }
        });

        // Every listener announces itself: engines, sandbox, stand-ins, bus, step functions and the API.
        assertThat(listeningWhileRunning).as("ports opened by the system").isEqualTo(announced).hasSizeGreaterThanOrEqualTo(8);
        assertThat(listeningPorts()).as("after close").doesNotContainAnyElementsOf(announced).isSubsetOf(listeningBefore);
    }

    /** TCP ports this JVM listens on: the socket inodes among its file descriptors that /proc/net lists in state LISTEN. */
    private static Set<Integer> listeningPorts() throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return Set.of();
        }
        Set<String> sockets = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(descriptors)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not a listener any more
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode; state 0A is LISTEN
                if (fields.length > 9 && fields[3].equals("0A") && sockets.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private JsonNode awaitJob(String jobId, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode job = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/jobs/" + jobId);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            job = Json.read(response.body(), JsonNode.class);
            String status = job.get("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not finish within " + patience + "; last seen " + job);
    }

    private List<String> visited(String execution) {
        List<String> states = new ArrayList<>();
        system.deploymentStateMachine().executionHistory(execution).forEach(event -> {
            if (event.details() instanceof HistoryEvent.StateEntered entered) {
                states.add(entered.state());
            }
        });
        return states;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
