package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriftCheckCommandTest {

    private static final String PARENT = "drift-00000000000000000000aaaa";
    private static final String BILLING = "drift-0000000000000000000000b1";
    private static final String APP = "drift-0000000000000000000000a1";

    private final StubApi api = StubApi.start();
    private final CliRunner cli = new CliRunner();

    @AfterEach
    void stop() {
        api.close();
    }

    private static String job(String id, String target, String status, String severity, String driftStatus, String summary) {
        return Json.write(Map.of("id", id, "type", "DRIFT_CHECK", "target", target, "status", status,
                "result", severity == null ? Map.of() : Map.of("severity", severity, "summary", summary,
                        "data", Map.of("status", driftStatus))));
    }

    private void started(String... children) {
        api.answer("POST", "/drift/checks", 202, Json.write(Map.of("jobId", PARENT, "duplicate", false,
                "stacks", List.of("billing", "app"), "children", List.of(children))));
    }

    @Test
    void followsEachStackUntilItEnds_andExitsTwo_whenDriftIsFound() {
        started(BILLING, APP);
        AtomicInteger polls = new AtomicInteger();
        api.answer("GET", "/jobs/" + BILLING, request -> polls.incrementAndGet() < 3
                ? new StubApi.Reply(200, job(BILLING, "billing", "RUNNING", null, null, null))
                : new StubApi.Reply(200, job(BILLING, "billing", "SUCCEEDED", "WARNING", "DRIFTED",
                        "billing: 1 drifted resource(s) (1 WARNING), 1 new finding(s)")));
        api.answer("GET", "/jobs/" + APP, 200, job(APP, "app", "SUCCEEDED", "INFO", "IN_SYNC", "app is in sync"));

        CliRunner.Result result = cli.run("drift", "check", "--api", api.uri().toString(), "--interval", "0.01");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("drift check " + PARENT + " started: 2 stack(s)")
                .contains("billing  RUNNING").contains("billing  SUCCEEDED  WARNING  billing: 1 drifted resource(s)")
                .contains("app  SUCCEEDED  INFO  app is in sync");
        assertThat(result.out()).containsPattern("billing +SUCCEEDED +DRIFTED +WARNING +billing: 1 drifted")
                .containsPattern("app +SUCCEEDED +IN_SYNC +INFO +app is in sync");
        StubApi.Received post = api.received().getFirst();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.bodyText()).isEqualTo("{}");
        assertThat(post.header("X-Caretaker-Request-Id")).isNotBlank();
    }

    @Test
    void sendsTheStackAndExitsZero_whenItIsInSync() {
        started(APP);
        api.answer("GET", "/jobs/" + APP, 200, job(APP, "app", "SUCCEEDED", "INFO", "IN_SYNC", "app is in sync"));

        CliRunner.Result result = cli.run("drift", "check", "--stack", "app", "--api", api.uri().toString(),
                "--interval", "0.01", "--output", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(api.received().getFirst().bodyText()).isEqualTo("{\"stack\":\"app\"}");
        JsonNode json = Json.read(result.out(), JsonNode.class);
        assertThat(json.path("jobId").asText()).isEqualTo(PARENT);
        assertThat(json.at("/stacks/0/result/data/status").asText()).isEqualTo("IN_SYNC");
    }

    @Test
    void exitsOneWithTheError_whenAStackCheckFails() {
        started(BILLING);
        api.answer("GET", "/jobs/" + BILLING, 200, Json.write(Map.of("id", BILLING, "target", "billing", "status", "FAILED",
                "error", "stack billing does not exist")));

        CliRunner.Result result = cli.run("drift", "check", "--api", api.uri().toString(), "--interval", "0.01");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("billing  FAILED: stack billing does not exist");
    }

    @Test
    void exitsOneWithTheApisMessage_whenTheApiRefuses() {
        api.answer("POST", "/drift/checks", 409, "{\"error\":\"no_stacks\",\"message\":\"no stacks are configured for drift checks\"}");

        CliRunner.Result result = cli.run("drift", "check", "--api", api.uri().toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("caretaker: the Caretaker API refused the drift check (HTTP 409):"
                + " no stacks are configured for drift checks");
    }

    @Test
    void stopsFollowing_whenTheTimeoutPasses() {
        started(BILLING);
        api.answer("GET", "/jobs/" + BILLING, 200, job(BILLING, "billing", "RUNNING", null, null, null));

        CliRunner.Result result = new CliRunner().clock(java.time.Clock.systemUTC())
                .run("drift", "check", "--api", api.uri().toString(), "--interval", "0.01", "--timeout", "0.2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("stopped following after 0 s; the check goes on");
    }

    @Test
    void refusesAnInvalidStackName_asAUsageError() {
        CliRunner.Result result = cli.run("drift", "check", "--stack", "not a stack", "--api", api.uri().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("invalid --stack 'not a stack'");
        assertThat(api.received()).isEmpty();
    }
}
