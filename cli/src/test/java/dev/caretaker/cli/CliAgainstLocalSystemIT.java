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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against the running local system rather than a stub API: what a
 * vendor's pipeline sends (webhook send), what an operator reads (jobs list/show), and an
 * on-demand drift check followed to its end (drift check), with their exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAgainstLocalSystemIT {

    private static final String RELEASE = "{\"event\":\"release.published\",\"release\":{\"stack\":\"app\",\"version\":\"1.4.0\","
            + "\"manifest\":\"s3://caretaker-local/releases/app/1.4.0/manifest.json\"}}";

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
    void aWebhookSentByTheCliBecomesAJob_thatJobsShowAndListReport(@TempDir Path dir) throws Exception {
        Path release = Files.writeString(dir.resolve("release.json"), RELEASE);

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
