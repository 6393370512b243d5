package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeployCommandTest {

    private static final String ID = "deploy-0123456789abcdef01234567";
    private static final String MANIFEST = "s3://vendor-releases/app/1.4.0/manifest.json";

    private final StubApi api = StubApi.start();
    private final CliRunner cli = new CliRunner();

    @AfterEach
    void stop() {
        api.close();
    }

    private String url() {
        return api.uri().toString();
    }

    /** A deployment record as GET /deployments/{id} returns it. */
    private static Map<String, Object> record(String status, String reason, List<String> events) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", ID);
        record.put("stack", "app");
        record.put("version", "1.4.0");
        record.put("manifest", MANIFEST);
        record.put("environment", "prod");
        record.put("rollback", false);
        record.put("status", status);
        record.put("reason", reason);
        record.put("createdAt", "2026-03-14T09:00:00Z");
        record.put("updatedAt", "2026-03-14T09:05:00Z");
        record.put("release", Map.of());
        record.put("preview", Map.of());
        record.put("approval", null);
        record.put("progress", Map.of());
        record.put("events", events);
        record.put("timings", Map.of());
        record.put("origin", Map.of("requestedBy", "arn:aws:iam::123456789012:user/ana"));
        record.put("recovery", Map.of());
        record.put("revision", 3);
        record.put("jobStatus", "RUNNING");
        return record;
    }

    private static StubApi.Reply ok(Map<String, Object> body) {
        return new StubApi.Reply(200, Json.write(body));
    }

    /** Answers GET /deployments/{id} with each of {@code states} in turn, then the last one for ever. */
    private void sequence(List<Map<String, Object>> states) {
        AtomicInteger calls = new AtomicInteger();
        api.answer("GET", "/deployments/" + ID, request -> ok(states.get(Math.min(calls.getAndIncrement(), states.size() - 1))));
    }

    private static JsonNode json(String text) {
        return Json.read(text, JsonNode.class);
    }

    @Nested
    class Start {

        @Test
        void postsTheReleaseAndPrintsTheDeployment_whenStarted() {
            api.answer("POST", "/deployments", 202, Json.write(Map.of("deploymentId", ID, "jobId", ID, "status", "VERIFYING",
                    "duplicate", false, "requestId", "r-1")));

            CliRunner.Result result = cli.run("deploy", "start", "--stack", "app", "--version", "1.4.0", "--manifest", MANIFEST,
                    "--request-id", "r-1", "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).containsPattern("DEPLOYMENT +" + ID).containsPattern("STATUS +VERIFYING")
                    .containsPattern("DUPLICATE +false").containsPattern("REQUEST +r-1");
            assertThat(result.err()).isEmpty();
            assertThat(json(api.only().bodyText())).isEqualTo(json("{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\""
                    + MANIFEST + "\",\"now\":false,\"requestId\":\"r-1\"}"));
            assertThat(api.only().header("Content-Type")).isEqualTo("application/json");
        }

        @Test
        void generatesARequestIdAndSaysHowToRetry_whenNoneIsGiven() {
            String answer = Json.write(Map.of("deploymentId", ID, "jobId", ID, "status", "VERIFYING", "duplicate", false,
                    "requestId", "x"));
            api.answer("POST", "/deployments", 202, answer);

            CliRunner.Result result = cli.run("deploy", "start", "--stack", "app", "--version", "1.4.0", "--manifest", MANIFEST,
                    "--now", "--api", url(), "--output", "json");

            String requestId = json(api.only().bodyText()).path("requestId").asText();
            assertThat(requestId).matches("[0-9a-f-]{36}");
            assertThat(json(api.only().bodyText()).path("now").asBoolean()).isTrue();
            assertThat(result.err()).contains("request id " + requestId + " (to retry this request, add --request-id " + requestId + ")");
            assertThat(result.out().strip()).isEqualTo(answer);
        }

        @Test
        void exitsOneWithTheApisWords_whenTheApiRefuses() {
            api.answer("POST", "/deployments", 409, "{\"error\":\"conflict\",\"message\":\"request id r-1 was already used for app@1.3.0\"}");

            CliRunner.Result result = cli.run("deploy", "start", "--stack", "app", "--version", "1.4.0", "--manifest", MANIFEST,
                    "--request-id", "r-1", "--api", url());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip()).isEqualTo("caretaker: the Caretaker API at " + url() + " refused to start the"
                    + " deployment (HTTP 409): request id r-1 was already used for app@1.3.0");
        }

        @Test
        void refusesABadVersionOrManifest_asAUsageErrorWithoutCallingTheApi() {
            CliRunner.Result version = cli.run("deploy", "start", "--stack", "app", "--version", "latest", "--manifest", MANIFEST,
                    "--api", url());
            CliRunner.Result manifest = cli.run("deploy", "start", "--stack", "app", "--version", "1.4.0", "--manifest",
                    "ftp://host/m.json", "--api", url());

            assertThat(version.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(version.err()).contains("invalid --version: 'latest' is not a version like 1.4.0");
            assertThat(manifest.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(manifest.err()).contains("invalid --manifest:");
            assertThat(api.received()).isEmpty();
        }

        @Test
        void followsFromTheStartToTheEnd_whenFollowIsGiven() {
            api.answer("POST", "/deployments", 202, Json.write(Map.of("deploymentId", ID, "jobId", ID, "status", "VERIFYING",
                    "duplicate", false, "requestId", "r-1")));
            sequence(List.of(record("VERIFYING", null, List.of()),
                    record("SUCCEEDED", "deployed 1.4.0; alarms stayed OK", List.of("t1 end: SUCCEEDED"))));

            CliRunner.Result result = cli.run("deploy", "start", "--stack", "app", "--version", "1.4.0", "--manifest", MANIFEST,
                    "--request-id", "r-1", "--follow", "--interval", "0.01", "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).contains("deployment " + ID + " started").contains("finished: SUCCEEDED: deployed 1.4.0");
            assertThat(result.out()).containsPattern("STATUS +SUCCEEDED");
        }
    }

    @Nested
    class Status {

        @Test
        void followsEveryChange_untilTheDeploymentSucceeds() {
            Map<String, Object> awaiting = record("AWAITING_APPROVAL", null, List.of("t1 verify: signature ok",
                    "t2 preview: 2 changes, 1 risky", "t3 approval: waiting for a person"));
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("add", 1);
            counts.put("modify", 1);
            awaiting.put("preview", Map.of("risky", true, "counts", counts,
                    "reasons", List.of("OrdersTable (AWS::DynamoDB::Table) would be replaced")));
            Map<String, Object> approved = new LinkedHashMap<>(awaiting);
            approved.put("approval", Map.of("approved", true, "by", "ana", "reason", "ok", "at", "t4", "decision", "approve"));
            Map<String, Object> executing = record("EXECUTING", null, List.of("t1 verify: signature ok",
                    "t2 preview: 2 changes, 1 risky", "t3 approval: waiting for a person", "t4 approval: approve by ana: ok",
                    "t5 execute: change set executing"));
            executing.put("progress", Map.of("done", 0, "total", 2, "currentResource", "OrdersTable"));
            Map<String, Object> halfway = new LinkedHashMap<>(executing);
            halfway.put("progress", Map.of("done", 1, "total", 2, "currentResource", "ApiFunction"));
            Map<String, Object> done = record("SUCCEEDED", "app is at 1.4.0; alarms stayed OK for 10 minutes",
                    List.of("t3 approval: waiting for a person", "t4 approval: approve by ana: ok", "t5 execute: change set executing",
                            "t6 health: alarms OK", "t7 end: SUCCEEDED"));
            done.put("progress", Map.of("done", 2, "total", 2));
            sequence(List.of(record("VERIFYING", null, List.of("t1 verify: signature ok")), awaiting, awaiting, approved,
                    executing, halfway, halfway, done));

            CliRunner.Result result = cli.run("deploy", "status", ID, "--follow", "--interval", "0.01", "--api", url());

            assertThat(result.exitCode()).isZero();
            List<String> lines = result.err().lines().toList();
            assertThat(lines).containsSubsequence(
                    "following deployment " + ID + " (app 1.4.0); Ctrl-C stops following, not the deployment",
                    "  t1 verify: signature ok",
                    "status: VERIFYING",
                    "  t2 preview: 2 changes, 1 risky",
                    "  t3 approval: waiting for a person",
                    "status: AWAITING_APPROVAL",
                    "approval needed: 2 changes (add 1, modify 1), RISKY: OrdersTable (AWS::DynamoDB::Table) would be replaced",
                    "  approve: caretaker deploy approve " + ID + " --api " + url() + " [--reason TEXT]",
                    "  reject:  caretaker deploy reject " + ID + " --api " + url() + " --reason TEXT",
                    "  t4 approval: approve by ana: ok",
                    "  t5 execute: change set executing",
                    "status: EXECUTING",
                    "progress: 0/2 resources done, current: OrdersTable",
                    "progress: 1/2 resources done, current: ApiFunction",
                    "  t6 health: alarms OK",
                    "  t7 end: SUCCEEDED",
                    "progress: 2/2 resources done",
                    "finished: SUCCEEDED: app is at 1.4.0; alarms stayed OK for 10 minutes");
            assertThat(lines).filteredOn(line -> line.startsWith("approval needed")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.equals("  t3 approval: waiting for a person")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.startsWith("progress: 1/2")).hasSize(1);
            assertThat(result.out()).containsPattern("STATUS +SUCCEEDED").contains("EVENTS").contains("  t7 end: SUCCEEDED");
        }

        @Test
        void exitsOneWithTheReasonAndPrintsTheRecordAsJson_whenItEndsOtherwise() {
            Map<String, Object> rolledBack = record("ROLLED_BACK", "alarm app-5xx fired during monitoring; back at 1.3.0",
                    List.of());
            sequence(List.of(record("VERIFYING_HEALTH", null, List.of()), rolledBack));

            CliRunner.Result result = cli.run("deploy", "status", ID, "--follow", "--interval", "0.01", "--api", url(),
                    "--output", "json");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("finished: ROLLED_BACK: alarm app-5xx fired during monitoring; back at 1.3.0");
            assertThat(json(result.out())).isEqualTo(Json.mapper().valueToTree(rolledBack));
        }

        @Test
        void keepsFollowing_whenOneLookFailsTransiently() {
            AtomicInteger calls = new AtomicInteger();
            api.answer("GET", "/deployments/" + ID, request -> switch (calls.getAndIncrement()) {
                case 0 -> ok(record("CHECKING", null, List.of()));
                case 1 -> new StubApi.Reply(503, "{\"error\":\"service_unavailable\",\"message\":\"retry\"}");
                default -> ok(record("REJECTED", "rejected by ana: not during the sale", List.of()));
            });

            CliRunner.Result result = cli.run("deploy", "status", ID, "--follow", "--interval", "0.01", "--api", url());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("could not read the deployment (").contains("HTTP 503").contains("trying again")
                    .contains("finished: REJECTED: rejected by ana: not during the sale");
        }

        @Test
        void printsTheRecordOnce_withoutFollow() {
            Map<String, Object> record = record("AWAITING_APPROVAL", null, List.of("t1 verify: signature ok"));
            record.put("preview", Map.of("risky", false, "counts", Map.of("modify", 1)));
            api.answer("GET", "/deployments/" + ID, request -> ok(record));

            CliRunner.Result result = cli.run("deploy", "status", ID, "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).containsPattern("ID +" + ID).containsPattern("STATUS +AWAITING_APPROVAL")
                    .containsPattern("JOB +RUNNING").containsPattern("ORIGIN +requested by arn:aws:iam::123456789012:user/ana")
                    .containsPattern("PREVIEW +1 change \\(modify 1\\), routine")
                    .contains("EVENTS").contains("  t1 verify: signature ok");
            assertThat(api.received()).hasSize(1);
        }

        @Test
        void exitsOne_whenTheDeploymentIsUnknown_andTwo_whenTheIdIsMalformed() {
            CliRunner.Result unknown = cli.run("deploy", "status", ID, "--api", url());
            CliRunner.Result malformed = cli.run("deploy", "status", "app-1.4.0", "--api", url());

            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err().strip()).isEqualTo("caretaker: deployment " + ID + " not found at " + url());
            assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(malformed.err()).contains("invalid deployment id 'app-1.4.0'");
            assertThat(api.received()).hasSize(1);
        }
    }

    @Nested
    class Decisions {

        @Test
        void sendsTheApprovalAndPrintsTheAnswer_whenApproving() {
            api.answer("POST", "/deployments/" + ID + "/approval", 200, Json.write(Map.of("deploymentId", ID, "decision", "approve",
                    "by", "arn:aws:iam::123456789012:user/ana", "status", "AWAITING_APPROVAL")));

            CliRunner.Result result = cli.run("deploy", "approve", ID, "--reason", "expected replacement", "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(json(api.only().bodyText())).isEqualTo(json("{\"decision\":\"approve\",\"reason\":\"expected replacement\"}"));
            assertThat(result.out()).containsPattern("DECISION +approve").containsPattern("BY +arn:aws:iam::123456789012:user/ana");
        }

        @Test
        void sendsTheRejectionWithItsReason_andRequiresOne() {
            String answer = Json.write(Map.of("deploymentId", ID, "decision", "reject", "by", "local", "status", "AWAITING_APPROVAL"));
            api.answer("POST", "/deployments/" + ID + "/approval", 200, answer);

            CliRunner.Result withoutReason = cli.run("deploy", "reject", ID, "--api", url());
            CliRunner.Result rejected = cli.run("deploy", "reject", ID, "--reason", "not during the sale", "--api", url(),
                    "-o", "json");

            assertThat(withoutReason.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(withoutReason.err()).contains("Missing required option: '--reason=TEXT'");
            assertThat(rejected.exitCode()).isZero();
            assertThat(json(api.only().bodyText())).isEqualTo(json("{\"decision\":\"reject\",\"reason\":\"not during the sale\"}"));
            assertThat(rejected.out().strip()).isEqualTo(answer);
        }

        @Test
        void exitsOneWithTheApisWords_whenTheDeploymentIsNotWaiting() {
            api.answer("POST", "/deployments/" + ID + "/approval", 409,
                    "{\"error\":\"conflict\",\"message\":\"deployment " + ID + " is not awaiting approval; it is EXECUTING\"}");

            CliRunner.Result result = cli.run("deploy", "approve", ID, "--api", url());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("refused to approve deployment " + ID + " (HTTP 409): deployment " + ID
                    + " is not awaiting approval; it is EXECUTING");
            assertThat(api.only().bodyText()).isEqualTo("{\"decision\":\"approve\"}");
        }

        @Test
        void sendsTheReasonAndPrintsTheStatus_whenCancelling() {
            api.answer("POST", "/deployments/" + ID + "/cancel", 200, Json.write(Map.of("deploymentId", ID, "status", "CANCELLED")));

            CliRunner.Result result = cli.run("deploy", "cancel", ID, "--reason", "wrong release", "--api", url());
            CliRunner.Result noReason = cli.run("deploy", "cancel", ID, "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).containsPattern("STATUS +CANCELLED");
            assertThat(api.received().get(0).bodyText()).isEqualTo("{\"reason\":\"wrong release\"}");
            assertThat(noReason.exitCode()).isZero();
            assertThat(api.received().get(1).bodyText()).isEqualTo("{}");
        }

        @Test
        void exitsOne_whenCloudFormationIsAlreadyApplyingTheChange() {
            api.answer("POST", "/deployments/" + ID + "/cancel", 409, "{\"error\":\"conflict\",\"message\":\"deployment " + ID
                    + " is EXECUTING: CloudFormation is applying the change and Caretaker cannot stop it safely\"}");

            CliRunner.Result result = cli.run("deploy", "cancel", ID, "--api", url());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("CloudFormation is applying the change");
        }
    }

    @Nested
    class History {

        private Map<String, Object> summary(String id, String version, String status, Long seconds, String reason) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", id);
            summary.put("stack", "app");
            summary.put("version", version);
            summary.put("manifest", "s3://vendor-releases/app/" + version + "/manifest.json");
            summary.put("status", status);
            summary.put("reason", reason);
            summary.put("createdAt", "2026-03-1" + version.charAt(2) + "T09:00:00Z");
            summary.put("durationSeconds", seconds);
            return summary;
        }

        @Test
        void printsATableNewestFirst_withDurations() {
            List<Map<String, Object>> deployments = new ArrayList<>();
            deployments.add(summary("deploy-000000000000000000000003", "1.5.0", "EXECUTING", null, null));
            deployments.add(summary("deploy-000000000000000000000002", "1.4.0", "SUCCEEDED", 754L, "deployed"));
            deployments.add(summary("deploy-000000000000000000000001", "1.3.0", "ROLLED_BACK", 42L, "alarm app-5xx fired"));
            api.answer("GET", "/deployments", 200, Json.write(Map.of("deployments", deployments)));

            CliRunner.Result result = cli.run("deploy", "history", "--stack", "app", "--limit", "3", "--api", url());

            assertThat(result.exitCode()).isZero();
            assertThat(api.only().rawQuery()).isEqualTo("stack=app&limit=3");
            List<String> lines = result.out().lines().toList();
            assertThat(lines.get(0)).matches("ID +VERSION +STATUS +STARTED +DURATION +REASON");
            assertThat(lines.get(1)).matches("deploy-000000000000000000000003 +1\\.5\\.0 +EXECUTING +2026-03-15T09:00:00Z +- +-");
            assertThat(lines.get(2)).matches("deploy-000000000000000000000002 +1\\.4\\.0 +SUCCEEDED +\\S+ +12m 34s +deployed");
            assertThat(lines.get(3)).matches("deploy-000000000000000000000001 +1\\.3\\.0 +ROLLED_BACK +\\S+ +42s +alarm app-5xx fired");
        }

        @Test
        void printsTheApisJson_andRefusesABadLimit() {
            String body = Json.write(Map.of("deployments", List.of()));
            api.answer("GET", "/deployments", 200, body);

            CliRunner.Result json = cli.run("deploy", "history", "--stack", "app", "--api", url(), "--output", "json");
            CliRunner.Result table = cli.run("deploy", "history", "--stack", "app", "--api", url());
            CliRunner.Result badLimit = cli.run("deploy", "history", "--stack", "app", "--limit", "0", "--api", url());

            assertThat(json.out().strip()).isEqualTo(body);
            assertThat(api.received().get(0).rawQuery()).isEqualTo("stack=app&limit=20");
            assertThat(table.out().strip()).isEqualTo("no deployments of app");
            assertThat(badLimit.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(api.received()).hasSize(2);
        }
    }

    @Nested
    class Promote {

        private final StubApi staging = StubApi.start();

        @AfterEach
        void stopStaging() {
            staging.close();
        }

        private void stagingHistory(String status) {
            Map<String, Object> older = new LinkedHashMap<>();
            older.put("id", "deploy-00000000000000000000000a");
            older.put("version", "1.4.0");
            older.put("status", "FAILED");
            older.put("manifest", MANIFEST);
            Map<String, Object> newest = new LinkedHashMap<>(older);
            newest.put("id", "deploy-00000000000000000000000b");
            newest.put("status", status);
            staging.answer("GET", "/deployments", 200, Json.write(Map.of("deployments", List.of(newest, older))));
        }

        private CliRunner promoting() {
            return new CliRunner().env("CARETAKER_API_STAGING", staging.uri().toString()).env("CARETAKER_API_PROD", url());
        }

        @Test
        void startsTheSameManifestInTheTarget_whenTheReleaseSucceededInTheSource() {
            stagingHistory("SUCCEEDED");
            api.answer("POST", "/deployments", 202, Json.write(Map.of("deploymentId", ID, "jobId", ID, "status", "VERIFYING",
                    "duplicate", false, "requestId", "p-1")));

            CliRunner.Result result = promoting().run("deploy", "promote", "--from", "staging", "--to", "prod", "app@1.4.0",
                    "--request-id", "p-1");

            assertThat(result.exitCode()).isZero();
            assertThat(staging.only().rawQuery()).isEqualTo("stack=app&limit=100");
            assertThat(json(api.only().bodyText())).isEqualTo(json("{\"stack\":\"app\",\"version\":\"1.4.0\",\"manifest\":\""
                    + MANIFEST + "\",\"now\":false,\"requestId\":\"p-1\",\"promotedFrom\":{\"environment\":\"staging\","
                    + "\"deploymentId\":\"deploy-00000000000000000000000b\"}}"));
            assertThat(result.err()).contains("app@1.4.0 SUCCEEDED in staging as deploy-00000000000000000000000b; promoting it to prod");
            assertThat(result.out()).containsPattern("DEPLOYMENT +" + ID);
        }

        @Test
        void refusesAndStartsNothing_whenTheReleaseDidNotSucceedInTheSource() {
            stagingHistory("ROLLED_BACK");

            CliRunner.Result result = promoting().run("deploy", "promote", "--from", "staging", "--to", "prod", "app@1.4.0");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip()).isEqualTo("caretaker: refused: app@1.4.0 has not SUCCEEDED in staging (its deployments"
                    + " of app@1.4.0: deploy-00000000000000000000000b ROLLED_BACK, deploy-00000000000000000000000a FAILED);"
                    + " only a release that succeeded there can be promoted");
            assertThat(api.received()).isEmpty();
        }

        @Test
        void followsTheTargetsDeployment_andTakesApisFromOptions() {
            stagingHistory("SUCCEEDED");
            api.answer("POST", "/deployments", 202, Json.write(Map.of("deploymentId", ID, "jobId", ID, "status", "VERIFYING",
                    "duplicate", false, "requestId", "p-2")));
            sequence(List.of(record("CHECKING", null, List.of()), record("FAILED", "stack app is UPDATE_IN_PROGRESS", List.of())));

            CliRunner.Result result = new CliRunner().run("deploy", "promote", "--from", "staging", "--to", "prod", "app@1.4.0",
                    "--from-api", staging.uri().toString(), "--to-api", url(), "--follow", "--interval", "0.01");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("finished: FAILED: stack app is UPDATE_IN_PROGRESS");
        }

        @Test
        void exitsTwo_whenBothEnvironmentsAreTheSameOrAnApiIsUnknown() {
            CliRunner.Result same = promoting().run("deploy", "promote", "--from", "prod", "--to", "prod", "app@1.4.0");
            CliRunner.Result unknown = new CliRunner().env("CARETAKER_API_STAGING", staging.uri().toString())
                    .run("deploy", "promote", "--from", "staging", "--to", "us-prod", "app@1.4.0");
            CliRunner.Result badRelease = promoting().run("deploy", "promote", "--from", "staging", "--to", "prod", "app-1.4.0");

            assertThat(same.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(same.err()).contains("--from and --to are both prod");
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err()).contains("no API for environment us-prod: pass --to-api URL or set CARETAKER_API_US_PROD");
            assertThat(badRelease.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(badRelease.err()).contains("expected stack@version");
            assertThat(staging.received()).isEmpty();
            assertThat(api.received()).isEmpty();
        }
    }

    @Test
    void listsTheDeployCommands_inHelpAndCompletion() {
        CliRunner.Result help = cli.run("deploy", "--help");
        CliRunner.Result completion = cli.run("completion");

        assertThat(help.out()).contains("start").contains("status").contains("approve").contains("reject").contains("cancel")
                .contains("history").contains("promote");
        assertThat(completion.out()).contains("deploy").contains("promote").contains("--from-api").contains("--request-id");
    }
}
