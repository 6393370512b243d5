package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.local.LocalSystemOptions;
import dev.caretaker.testing.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against the running local system rather than a stub API: what a
 * vendor's pipeline sends (webhook send), what an operator reads (jobs list/show), an on-demand
 * drift check followed to its end (drift check), and deployments started, approved, followed and
 * listed (deploy), with their exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The deployments build on each other as releases do: app 1.4.0 before 1.5.0 (1.4.0 after it would be a downgrade).
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliAgainstLocalSystemIT {

    private LocalSystem system;
    private String api;

    @BeforeAll
    void start() {
        system = LocalSystem.start(new LocalSystemOptions(RepoRoot.find().resolve("template.yaml"), 0, 1, Optional.empty()),
                line -> System.out.println("[local] " + line));
        api = system.apiEndpoint().toString();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    private CliRunner cli() {
        return new CliRunner().clock(Clock.systemUTC()).env("VENDOR_SECRET", system.webhookSecret());
    }

    @Test
    @Order(1)
    void aWebhookSentByTheCliBecomesAJob_thatJobsShowAndListReport(@TempDir Path dir) throws Exception {
        Path release = Files.writeString(dir.resolve("release.json"), Json.write(Map.of("event", "release.published",
                "release", Map.of("stack", "app", "version", "1.4.0", "manifest", system.releaseManifest("app", "1.4.0")))));

        CliRunner.Result sent = cli().run("webhook", "send", "--source", "vendor", "--secret-env", "VENDOR_SECRET",
                "--api", api, "--output", "json", release.toString());

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String jobId = Json.read(sent.out(), JsonNode.class).path("jobId").asText();
        assertThat(jobId).startsWith("deploy-");
        JsonNode job = awaitFinished(jobId, Duration.ofSeconds(60));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");

        CliRunner.Result shown = cli().run("jobs", "show", jobId, "--api", api);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains(jobId).contains("SUCCEEDED").contains("DEPLOY");
        CliRunner.Result listed = cli().run("jobs", "list", "--type", "DEPLOY", "--api", api, "--output", "json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(Json.read(listed.out(), JsonNode.class).path("jobs").findValuesAsText("id")).contains(jobId);
    }

    @Test
    void driftCheckFollowsTheCheckToItsEnd_andExitsTwo_whenTheStackDrifted() {
        CliRunner.Result result = cli().run("drift", "check", "--stack", "billing", "--api", api, "--interval", "0.2",
                "--timeout", "60");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("started: 1 stack(s) [\"billing\"]").containsPattern("billing +SUCCEEDED +CRITICAL");
        assertThat(result.out()).containsPattern("billing +SUCCEEDED +DRIFTED +CRITICAL +billing \\(\\+1 nested\\)");
    }

    @Test
    void driftCheckExitsZero_whenTheStackIsInSync() {
        CliRunner.Result result = cli().run("drift", "check", "--stack", "app", "--api", api, "--interval", "0.2",
                "--timeout", "60", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode checked = Json.read(result.out(), JsonNode.class).path("stacks").get(0);
        assertThat(checked.path("target").asText()).isEqualTo("app");
        assertThat(checked.path("result").path("data").path("status").asText()).isEqualTo("IN_SYNC");
        assertThat(checked.path("result").path("data").path("partial").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void deployStartFollowsADeploymentToItsEnd_andExitsZero_whenItSucceeds() {
        CliRunner.Result result = cli().run("deploy", "start", "--stack", "app", "--version", "1.4.0",
                "--manifest", system.releaseManifest("app", "1.4.0"), "--follow", "--interval", "0.2", "--api", api);

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out() + result.err()).contains("SUCCEEDED");
    }

    @Test
    @Order(4)
    void aRiskyDeploymentWaitsUntilDeployApprove_thenStatusFollowsItToSucceeded() throws InterruptedException {
        CliRunner.Result started = cli().run("deploy", "start", "--stack", "app", "--version", "1.5.0",
                "--manifest", system.releaseManifest("app", "1.5.0"), "--api", api, "--output", "json");
        assertThat(started.exitCode()).as(started.err()).isZero();
        String id = Json.read(started.out(), JsonNode.class).path("deploymentId").asText();
        awaitStatus(id, "AWAITING_APPROVAL");

        CliRunner.Result approved = cli().run("deploy", "approve", id, "--reason", "migration plan agreed", "--api", api);
        CliRunner.Result followed = cli().run("deploy", "status", id, "--follow", "--interval", "0.2", "--api", api);
        CliRunner.Result history = cli().run("deploy", "history", "--stack", "app", "--api", api, "--output", "json");

        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();
        assertThat(followed.out() + followed.err()).contains("SUCCEEDED");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(Json.read(history.out(), JsonNode.class).path("deployments").findValuesAsText("id")).contains(id);
    }

    @Test
    @Order(3)
    void deployStatusExitsOne_whenTheDeploymentWasRefused() {
        CliRunner.Result result = cli().run("deploy", "start", "--stack", "app", "--version", "1.6.1",
                "--manifest", system.releaseManifest("app", "1.6.1"), "--follow", "--interval", "0.2", "--api", api);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out() + result.err()).contains("FAILED").contains("TEMPLATE_MISMATCH");
    }

    private void awaitStatus(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            CliRunner.Result shown = cli().run("deploy", "status", id, "--api", api, "--output", "json");
            seen = Json.read(shown.out(), JsonNode.class).path("status").asText();
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " never reached " + status + "; last seen " + seen);
    }

    private JsonNode awaitFinished(String jobId, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        JsonNode job = null;
        while (Instant.now().isBefore(deadline)) {
            CliRunner.Result shown = cli().run("jobs", "show", jobId, "--api", api, "--output", "json");
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            job = Json.read(shown.out(), JsonNode.class);
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not finish within " + patience + "; last seen " + job);
    }
}
