package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobsCommandTest {

    private static final String DEPLOY_ID = "deploy-0123456789abcdef01234567";
    private static final String DRIFT_ID = "drift-89abcdef0123456789abcdef";
    private static final Job DEPLOY = ApiJobs.job(DEPLOY_ID, JobType.DEPLOY, "app", JobStatus.SUCCEEDED, 1, null);
    private static final Job DRIFT = ApiJobs.job(DRIFT_ID, JobType.DRIFT_CHECK, "network", JobStatus.FAILED, 3,
            "gave up after 3 deliveries: Rate exceeded (Service: CloudFormation, Status Code: 400, Request ID: 5d1a)");

    private final StubApi api = StubApi.start();
    private final CliRunner cli = new CliRunner();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsAlignedTable_whenListingJobs() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null, DEPLOY, DRIFT));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString());

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID").contains("TYPE", "TARGET", "STATUS", "ATTEMPTS", "CREATED", "ERROR");
        assertThat(lines.get(1)).startsWith(DEPLOY_ID).contains("DEPLOY", "app", "SUCCEEDED", "2026-03-14T08:00:00Z");
        assertThat(lines.get(2)).startsWith(DRIFT_ID).contains("DRIFT_CHECK", "network", "FAILED", "gave up after 3");
        // aligned: every column starts at the same offset on every line
        for (String column : List.of("TYPE", "STATUS", "CREATED")) {
            int offset = lines.get(0).indexOf(column);
            assertThat(lines.get(1).charAt(offset - 1)).isEqualTo(' ');
            assertThat(lines.get(1).charAt(offset)).isNotEqualTo(' ');
            assertThat(lines.get(2).charAt(offset)).isNotEqualTo(' ');
        }
        assertThat(result.err()).isEmpty();
    }

    @Test
    void truncatesLongErrors_whenListingAsTable() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null, DRIFT));

        String row = cli.run("jobs", "list", "--api", api.uri().toString()).out().lines().toList().get(1);

        String shown = row.substring(row.indexOf("gave up"));
        assertThat(shown).hasSize(JobTable.ERROR_CHARS).endsWith("…");
    }

    @Test
    void printsApiJsonUnchanged_whenOutputIsJson() {
        String body = ApiJobs.page("next-token", DEPLOY);
        api.answer("GET", "/jobs", 200, body);

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--output", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(body + System.lineSeparator());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void sendsFiltersAsQueryParameters_whenOptionsGiven() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--type", "drift_check",
                "--status", "failed", "--limit", "5", "--page-token", "a b+/=~");

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().rawQuery()).isEqualTo("type=DRIFT_CHECK&status=FAILED&limit=5&pageToken=a%20b%2B%2F%3D~");
        assertThat(result.out()).isEqualTo("no jobs" + System.lineSeparator());
    }

    @Test
    void sendsNoQuery_whenNoFilterGiven() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null));

        cli.run("jobs", "list", "--api", api.uri().toString());

        assertThat(api.only().rawQuery()).isNull();
    }

    @Test
    void tellsHowToGetTheNextPageOnStderr_whenMorePagesExist() {
        api.answer("GET", "/jobs", 200, ApiJobs.page("token-2", DEPLOY));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString());

        assertThat(result.out()).doesNotContain("token-2");
        assertThat(result.err()).contains("--page-token token-2");
    }

    @Test
    void followsPageTokensToTheEnd_whenAllGiven() {
        api.answer("GET", "/jobs", request -> request.rawQuery() == null
                ? new StubApi.Reply(200, ApiJobs.page("token-2", DEPLOY))
                : new StubApi.Reply(200, ApiJobs.page(null, DRIFT)));

        CliRunner.Result table = cli.run("jobs", "list", "--api", api.uri().toString(), "--all");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains(DEPLOY_ID).contains(DRIFT_ID);
        assertThat(api.received()).extracting(StubApi.Received::rawQuery).containsExactly(null, "pageToken=token-2");
    }

    @Test
    void printsEveryJobInOnePageShape_whenAllGivenWithJsonOutput() throws IOException {
        api.answer("GET", "/jobs", request -> request.rawQuery() == null
                ? new StubApi.Reply(200, ApiJobs.page("token-2", DEPLOY))
                : new StubApi.Reply(200, ApiJobs.page(null, DRIFT)));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--all", "-o", "json");

        JsonNode json = Json.mapper().readTree(result.out());
        assertThat(json.path("jobs").findValuesAsText("id")).containsExactly(DEPLOY_ID, DRIFT_ID);
        assertThat(json.path("nextPageToken").isNull()).isTrue();
    }

    @Test
    void stopsWithError_whenApiRepeatsPageToken() {
        api.answer("GET", "/jobs", 200, ApiJobs.page("same", DEPLOY));

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--all");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("page token same twice");
    }

    @Test
    void printsEveryFieldOfTheJob_whenShowingAsTable() {
        Job failed = ApiJobs.job(DEPLOY_ID, JobType.DEPLOY, "app", JobStatus.FAILED, 2, "change set failed:\nbad template");
        api.answer("GET", "/jobs/" + DEPLOY_ID, 200, ApiJobs.one(failed));

        CliRunner.Result result = cli.run("jobs", "show", DEPLOY_ID, "--api", api.uri().toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).contains(
                "ID           " + DEPLOY_ID,
                "STATUS       FAILED",
                "TRIGGER      webhook vendor:delivery-1",
                "PARENT       -",
                "ERROR        change set failed: bad template");
    }

    @Test
    void printsApiJson_whenShowingWithJsonOutput() {
        String body = ApiJobs.one(DEPLOY);
        api.answer("GET", "/jobs/" + DEPLOY_ID, 200, body);

        CliRunner.Result result = cli.run("jobs", "show", DEPLOY_ID, "--api", api.uri().toString(), "--output=json");

        assertThat(result.out()).isEqualTo(body + System.lineSeparator());
    }

    @Test
    void exitsOneWithJobNotFound_whenApiAnswers404() {
        api.answer("GET", "/jobs/" + DEPLOY_ID, 404, "{\"error\":\"not_found\",\"message\":\"no job " + DEPLOY_ID + "\"}");

        CliRunner.Result result = cli.run("jobs", "show", DEPLOY_ID, "--api", api.uri().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("caretaker: job " + DEPLOY_ID + " not found" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsOneWithServersMessage_whenApiRefuses() {
        api.answer("GET", "/jobs", 400, "{\"error\":\"bad_request\",\"message\":\"invalid query parameter pageToken 'x': expected the nextPageToken of a previous page, unchanged\"}");

        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--page-token", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("caretaker: the Caretaker API refused the request (HTTP 400): invalid query"
                + " parameter pageToken 'x': expected the nextPageToken of a previous page, unchanged" + System.lineSeparator());
    }

    @Test
    void exitsOneWithStartHint_whenNothingListensOnTheApiPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        CliRunner.Result result = cli.run("jobs", "list", "--api", url);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("caretaker: no Caretaker API at " + url + " (start one with ./caretaker local)"
                + System.lineSeparator());
    }

    @Test
    void printsStackTrace_onlyWhenVerbose() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        CliRunner.Result quiet = cli.run("jobs", "show", DEPLOY_ID, "--api", url);
        CliRunner.Result verbose = cli.run("--verbose", "jobs", "show", DEPLOY_ID, "--api", url);

        assertThat(quiet.err().lines()).hasSize(1);
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(verbose.err()).startsWith("caretaker: no Caretaker API at " + url)
                .contains("CliFailure").contains("\tat ").contains("ConnectException");
    }

    @Test
    void usesCaretakerApiVariable_whenNoApiOptionGiven() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null, DEPLOY));

        CliRunner.Result result = cli.env("CARETAKER_API", api.uri() + "/").run("jobs", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().path()).isEqualTo("/jobs");
    }

    @Test
    void prefersApiOption_overCaretakerApiVariable() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null, DEPLOY));

        CliRunner.Result result = cli.env("CARETAKER_API", "http://127.0.0.1:1").run("jobs", "list", "--api", api.uri().toString());

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void keepsApiGatewayStageInThePath_whenApiUrlHasOne() {
        api.answer("GET", "/prod/jobs/" + DEPLOY_ID, 200, ApiJobs.one(DEPLOY));

        CliRunner.Result result = cli.run("jobs", "show", DEPLOY_ID, "--api", api.uri() + "/prod");

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void defaultsToTheLocalRuntime_whenNoApiConfigured() {
        assertThat(new ApiOption().resolve(java.util.Map.of())).hasToString("http://127.0.0.1:3000");
    }

    @Test
    void exitsWithUsageWithoutCallingApi_whenLimitOutOfRange() {
        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--limit", "101");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--limit must be from 1 to 100, was 101");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void exitsWithUsage_whenTypeUnknown() {
        CliRunner.Result result = cli.run("jobs", "list", "--api", api.uri().toString(), "--type", "upgrade");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--type").contains("DEPLOY");
    }

    @Test
    void exitsWithUsageWithoutCallingApi_whenJobIdMalformed() {
        CliRunner.Result result = cli.run("jobs", "show", "42", "--api", api.uri().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("caretaker: invalid job id '42'");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void exitsWithUsage_whenJobIdMissing() {
        assertThat(cli.run("jobs", "show").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void exitsWithUsageNamingTheVariable_whenCaretakerApiIsNotAUrl() {
        CliRunner.Result result = cli.env("CARETAKER_API", "127.0.0.1:3000").run("jobs", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("invalid API URL '127.0.0.1:3000' (CARETAKER_API)");
    }

    @Test
    void sendsNoAuthorization_whenApiIsLoopback() {
        api.answer("GET", "/jobs", 200, ApiJobs.page(null));

        cli.env("AWS_REGION", "eu-west-1").run("jobs", "list", "--api", api.uri().toString());

        assertThat(api.only().header("Authorization")).isNull();
    }
}
