package dev.caretaker.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.caretaker.local.demo.DemoApi.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The deployment part of the demo: releases of the sandbox vendor sent as a pipeline sends them,
 * answered as an operator answers them, each step checked against the deployment record the API
 * serves. See {@code DemoScenario} for what the sandbox holds and {@link DemoReleases} for the releases.
 */
final class DeploymentDemo {

    private static final String[] TERMINAL = {"SUCCEEDED", "ROLLED_BACK", "FAILED", "REJECTED", "CANCELLED"};

    private final DemoApi api;
    private final Clock clock;
    private final LocalDemo.DemoListener listener;

    DeploymentDemo(DemoApi api, Clock clock, LocalDemo.DemoListener listener) {
        this.api = api;
        this.clock = clock;
        this.listener = listener;
    }

    /** Sends a signed release webhook; the deployment id it answers, or why there is none. */
    private Result<String> release(String stack, String version) {
        listener.step("sending a signed release webhook for " + stack + " " + version);
        Answer answer = api.sendRelease(stack, version, "demo-" + UUID.randomUUID());
        return answer.status() == 202 ? Result.ok(answer.body().path("jobId").asText())
                : Result.failed("202 Accepted for the " + stack + " " + version + " webhook", answer.text());
    }

    /** A release deployed from its webhook to the end, checked against the status and reason it must end with. */
    DemoStep deploy(String name, String stack, String version, String status, String inReason) throws InterruptedException {
        String expected = stack + " " + version + " ends " + status + (inReason.isEmpty() ? "" : " saying \"" + inReason + "\"");
        Result<String> started = release(stack, version);
        if (started.failure().isPresent()) {
            return failed(name, started.failure().get());
        }
        JsonNode record = finished(started.value());
        return step(name, expected, record, status.equals(record.path("status").asText())
                && record.path("reason").asText().contains(inReason));
    }

    DemoStep rejectRiskyChange() throws InterruptedException {
        String name = "a risky release waits for a person, who rejects it; the stack is untouched";
        String expected = "app 1.5.0 (replaces the orders table) waits in AWAITING_APPROVAL with a risky preview; rejected through"
                + " POST /deployments/{id}/approval it ends REJECTED";
        Result<String> started = release("app", "1.5.0");
        if (started.failure().isPresent()) {
            return failed(name, started.failure().get());
        }
        String id = started.value();
        Optional<JsonNode> waiting = api.awaitDeployment(id, "AWAITING_APPROVAL");
        boolean risky = waiting.map(node -> node.path("preview").path("risky").asBoolean()).orElse(false);
        listener.step("rejecting " + id + ": " + waiting.map(node -> node.path("preview").path("reasons").toString()).orElse("?"));
        Answer answer = api.post("/deployments/" + id + "/approval", Map.of("decision", "reject", "reason",
                "replacing the orders table needs a data migration plan first", "by", "ana@example.com"));
        JsonNode record = finished(id);
        return step(name, expected, record, risky && answer.status() == 200 && "REJECTED".equals(record.path("status").asText())
                && record.path("reason").asText().contains("rejected by ana@example.com"));
    }

    DemoStep approveRiskyChange() throws InterruptedException {
        String name = "an operator starts the risky release again and approves it";
        String expected = "POST /deployments app 1.5.0 waits for approval; approved, it ends SUCCEEDED with the approver recorded";
        listener.step("starting app 1.5.0 through POST /deployments");
        Answer started = api.post("/deployments", Map.of("stack", "app", "version", "1.5.0",
                "manifest", api.system().releaseManifest("app", "1.5.0")));
        if (started.status() != 202) {
            return failed(name, "202 Accepted from POST /deployments", started.text());
        }
        String id = started.body().path("deploymentId").asText();
        api.awaitDeployment(id, "AWAITING_APPROVAL");
        listener.step("approving " + id);
        Answer answer = api.post("/deployments/" + id + "/approval", Map.of("decision", "approve", "reason", "migration plan agreed",
                "by", "ana@example.com"));
        JsonNode record = finished(id);
        return step(name, expected, record, answer.status() == 200 && "SUCCEEDED".equals(record.path("status").asText())
                && "ana@example.com".equals(record.path("approval").path("by").asText()));
    }

    DemoStep alarmAfterChange() throws InterruptedException {
        String name = "an alarm after a release returns the stack to its last known-good release";
        String expected = "app 1.4.0 SUCCEEDED (or had nothing to change), then app 1.6.0 ends ROLLED_BACK: its app-5xx alarm went"
                + " off after the change, and 1.4.0 was deployed again";
        DemoStep good = deploy(name, "app", "1.4.0", "SUCCEEDED", "");
        if (!good.passed()) {
            return good;
        }
        Result<String> started = release("app", "1.6.0");
        if (started.failure().isPresent()) {
            return failed(name, started.failure().get());
        }
        JsonNode record = finished(started.value());
        return step(name, expected, record, "ROLLED_BACK".equals(record.path("status").asText())
                && "1.4.0".equals(record.path("recovery").path("version").asText())
                && record.path("reason").asText().contains("app-5xx"));
    }

    DemoStep duplicateDeliveries() throws InterruptedException {
        String name = "a delivery sent twice, and a start repeated with its request id, change nothing";
        String expected = "the repeated webhook delivery is refused (409) and names no new job; the repeated POST /deployments"
                + " answers duplicate: true with the first deployment's id";
        String delivery = "demo-" + UUID.randomUUID();
        Answer first = api.sendRelease("app", "1.4.0", delivery);
        Answer again = api.sendRelease("app", "1.4.0", delivery);
        String requestId = "demo-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("stack", "app", "version", "1.4.0", "manifest", api.system().releaseManifest("app", "1.4.0"),
                "requestId", requestId);
        Answer start = api.post("/deployments", body);
        Answer repeat = api.post("/deployments", body);
        String id = start.body().path("deploymentId").asText();
        finished(first.body().path("jobId").asText());
        finished(id);
        boolean passed = first.status() == 202 && again.status() == 409 && start.status() == 202 && repeat.status() == 202
                && repeat.body().path("duplicate").asBoolean() && id.equals(repeat.body().path("deploymentId").asText());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("webhook", first.status() + " then " + again.status());
        details.put("api", start.status() + " then " + repeat.status() + " duplicate=" + repeat.body().path("duplicate").asBoolean());
        return new DemoStep(name, expected, "webhook delivery " + delivery + ": " + first.status() + ", repeated: " + again.text()
                + "; POST /deployments with request id " + requestId + ": " + start.status() + " " + id + ", repeated: "
                + repeat.text(), passed, details);
    }

    DemoStep waitForWindow() throws InterruptedException {
        String name = "a release outside the maintenance window waits for it, then deploys";
        ZonedDateTime opens = clock.instant().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String day = opens.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
        String window = opens.format(DateTimeFormatter.ofPattern("HH:mm"));
        listener.step("configuring a maintenance window opening at " + opens.toInstant() + " (allowOutsideWindow: false)");
        api.system().publishConfigurationLayer("""
                maintenanceWindows:
                  - {name: next-minute, days: [%s], start: "%s", duration: PT1H, timeZone: UTC}
                deployment:
                  allowOutsideWindow: false
                """.formatted(day, window));
        String expected = "app 1.4.0 sent before " + opens.toInstant() + " is WAITING_FOR_WINDOW, then ends SUCCEEDED after the"
                + " window opened";
        Result<String> started = release("app", "1.4.0");
        if (started.failure().isPresent()) {
            return failed(name, started.failure().get());
        }
        Optional<JsonNode> waiting = api.awaitDeployment(started.value(), "WAITING_FOR_WINDOW");
        JsonNode record = finished(started.value());
        Instant executed = Instant.parse(record.path("timings").path("execute").asText(Instant.EPOCH.toString()));
        return step(name, expected, record, waiting.isPresent() && "SUCCEEDED".equals(record.path("status").asText())
                && !executed.isBefore(opens.toInstant()));
    }

    DemoStep approvalTimesOut() throws InterruptedException {
        String name = "a risky release nobody approves is rejected when the approval times out";
        listener.step("configuring deployment.approvalTimeout: PT1M");
        api.system().publishConfigurationLayer("""
                deployment:
                  approvalTimeout: PT1M
                """);
        DemoStep step = deploy(name, "app", "1.5.0", "REJECTED", "nobody approved within the approval timeout");
        return new DemoStep(name, "app 1.5.0 waits a minute for approval, then ends REJECTED", step.observed(), step.passed(),
                step.details());
    }

    DemoStep cancelWhileWaiting() throws InterruptedException {
        String name = "an operator cancels a release that waits for approval";
        String expected = "app 1.5.0 in AWAITING_APPROVAL, cancelled through POST /deployments/{id}/cancel, ends CANCELLED";
        Result<String> started = release("app", "1.5.0");
        if (started.failure().isPresent()) {
            return failed(name, started.failure().get());
        }
        api.awaitDeployment(started.value(), "AWAITING_APPROVAL");
        Answer answer = api.post("/deployments/" + started.value() + "/cancel", Map.of("reason", "wrong release"));
        JsonNode record = finished(started.value());
        return step(name, expected, record, answer.status() == 200 && "CANCELLED".equals(record.path("status").asText()));
    }

    DemoStep remediateDrift() throws InterruptedException {
        String name = "the drift check's remediation reverts what CloudFormation can, after approval, and says what it cannot";
        String expected = "a REVERT_DRIFT deployment of billing waits for approval (its bucket holds data); approved, it ends"
                + " SUCCEEDED; a new check of billing no longer finds InvoiceBucket, and names the nested"
                + " billing-network/InvoiceSecurityGroup for a person to fix instead of requesting another revert";
        Optional<JsonNode> remediation = api.await("/deployments?stack=billing&limit=20", page -> remediationOf(page).isPresent())
                .flatMap(DeploymentDemo::remediationOf);
        if (remediation.isEmpty()) {
            return failed(name, expected, "no remediation deployment of billing was started");
        }
        String id = remediation.get().path("id").asText();
        Optional<JsonNode> waiting = api.awaitDeployment(id, "AWAITING_APPROVAL");
        JsonNode preview = waiting.map(node -> node.path("preview")).orElse(JsonNodeFactory.instance.objectNode());
        listener.step("approving the drift remediation " + id + ": " + preview.path("text").asText());
        Answer approved = api.post("/deployments/" + id + "/approval", Map.of("decision", "approve",
                "reason", "put billing back to its template", "by", "ana@example.com"));
        JsonNode record = finished(id);
        listener.step("checking billing's drift again");
        Answer check = api.post("/drift/checks", Map.of("stack", "billing"));
        Optional<JsonNode> after = api.await("/jobs?type=DRIFT_CHECK&limit=100", page -> newestBillingCheck(page.path("jobs"), check)
                .filter(job -> "SUCCEEDED".equals(job.path("status").asText())).isPresent())
                .flatMap(page -> newestBillingCheck(page.path("jobs"), check));
        List<String> stillDrifted = new ArrayList<>();
        after.ifPresent(job -> job.path("result").path("data").path("report").path("stacks").forEach(stack ->
                stack.path("resources").forEach(resource -> stillDrifted.add(stack.path("stack").asText() + "/"
                        + resource.path("logicalId").asText()))));
        JsonNode remediationAfter = after.map(job -> job.path("result").path("data").path("remediation"))
                .orElse(JsonNodeFactory.instance.objectNode());
        boolean passed = waiting.isPresent() && approved.status() == 200 && "SUCCEEDED".equals(record.path("status").asText())
                && preview.path("changes").toString().contains("InvoiceBucket")
                && after.isPresent() && !stillDrifted.contains("billing/InvoiceBucket")
                && stillDrifted.contains("billing-network/InvoiceSecurityGroup")
                && "NONE".equals(remediationAfter.path("decision").asText())
                && remediationAfter.path("reason").asText().contains("fix it by hand: [billing-network/InvoiceSecurityGroup]");
        DemoStep step = step(name, expected, record, passed);
        Map<String, Object> details = new LinkedHashMap<>(step.details());
        details.put("stillDriftedAfter", stillDrifted);
        details.put("recheckJob", after.map(job -> job.path("id").asText()).orElse("none"));
        return new DemoStep(name, expected, step.observed() + "; a new check of billing finds " + stillDrifted + ", remediation "
                + remediationAfter.path("decision").asText() + " (" + remediationAfter.path("reason").asText() + ")", passed, details);
    }

    private static Optional<JsonNode> remediationOf(JsonNode page) {
        for (JsonNode deployment : page.path("deployments")) {
            if (deployment.path("origin").hasNonNull("remediationOf")) {
                return Optional.of(deployment);
            }
        }
        return Optional.empty();
    }

    /** The billing check that the drift check request started: a child of the parent job it answered. */
    private static Optional<JsonNode> newestBillingCheck(JsonNode jobs, Answer check) {
        String parent = check.body().path("jobId").asText();
        for (JsonNode job : jobs) {
            if ("billing".equals(job.path("target").asText()) && parent.equals(job.path("parentId").asText())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    private JsonNode finished(String id) throws InterruptedException {
        return api.awaitDeployment(id, TERMINAL).orElseGet(() -> api.get("/deployments/" + id)
                .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("id", id).put("status", "UNKNOWN")));
    }

    private static DemoStep step(String name, String expected, JsonNode record, boolean passed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deploymentId", record.path("id").asText());
        details.put("status", record.path("status").asText());
        details.put("reason", record.path("reason").asText(""));
        if (record.hasNonNull("recovery") && !record.path("recovery").isEmpty()) {
            details.put("recoveredTo", record.path("recovery").path("version").asText());
        }
        String observed = "deployment " + record.path("id").asText() + " " + record.path("status").asText()
                + (record.path("reason").asText("").isEmpty() ? "" : ": " + record.path("reason").asText());
        return new DemoStep(name, expected, observed, passed, details);
    }

    private static DemoStep failed(String name, Failure failure) {
        return new DemoStep(name, failure.expected(), failure.observed(), false, Map.of());
    }

    private static DemoStep failed(String name, String expected, String observed) {
        return new DemoStep(name, expected, observed, false, Map.of());
    }

    private record Failure(String expected, String observed) {
    }

    /** A value, or what was expected and seen instead. */
    private record Result<T>(T value, Optional<Failure> failure) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, Optional.empty());
        }

        static <T> Result<T> failed(String expected, String observed) {
            return new Result<>(null, Optional.of(new Failure(expected, observed)));
        }
    }
}
