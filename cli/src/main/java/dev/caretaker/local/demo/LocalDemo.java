package dev.caretaker.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalSystem;
import dev.caretaker.local.standin.Notification;
import dev.caretaker.orchestrator.webhook.SignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A scripted day in the life, run against a started {@link LocalSystem} through its public
 * surfaces only: signed webhooks and the status API over HTTP, and the template's schedules.
 * Each step says what it expected and what it saw; the run fails if any expectation is unmet.
 */
public final class LocalDemo {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    private final LocalSystem system;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock;
    private final DemoListener listener;

    public LocalDemo(LocalSystem system, Clock clock, DemoListener listener) {
        this.system = system;
        this.clock = clock;
        this.listener = listener;
    }

    /** Where the demo tells what it is doing. */
    @FunctionalInterface
    public interface DemoListener {
        void step(String line);
    }

    public DemoReport run() throws InterruptedException {
        Instant started = clock.instant();
        List<DemoStep> steps = new ArrayList<>();
        steps.add(deployRelease("app", "1.4.0", "SUCCEEDED", "", "webhook-triggered deployment of app 1.4.0"));
        steps.add(driftCheck());
        steps.add(costReport());
        steps.add(deployRelease("legacy", "2.0.0", "FAILED", "ContinueUpdateRollback",
                "deployment to a stack stuck in UPDATE_ROLLBACK_FAILED is refused with the recovery path"));
        steps.add(configurationPushes());
        return new DemoReport(started, Duration.between(started, clock.instant()), steps);
    }

    /** @param expectedInError text the job's error must contain ("" when none is expected) */
    private DemoStep deployRelease(String stack, String version, String expectedStatus, String expectedInError, String name)
            throws InterruptedException {
        listener.step("sending a signed release webhook for " + stack + " " + version);
        String body = Json.write(Map.of("event", "release.published", "release", Map.of("stack", stack, "version", version,
                "manifest", "s3://caretaker-local/releases/" + stack + "/" + version + "/manifest.json")));
        HttpResponse<String> accepted;
        try {
            accepted = http.send(HttpRequest.newBuilder(system.apiEndpoint().resolve("/webhooks/" + LocalSystem.WEBHOOK_SOURCE))
                    .header("Content-Type", "application/json")
                    .header("X-Caretaker-Delivery", "demo-" + UUID.randomUUID())
                    .header("X-Caretaker-Signature", SignatureVerifier.caretakerHeader(clock.instant().getEpochSecond(),
                            body.getBytes(StandardCharsets.UTF_8), system.webhookSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return failed(name, "the webhook answered 202 and the job ended " + expectedStatus, "webhook not delivered: " + e);
        }
        if (accepted.statusCode() != 202) {
            return failed(name, "202 Accepted", "HTTP " + accepted.statusCode() + " " + accepted.body());
        }
        String jobId = Json.read(accepted.body(), JsonNode.class).path("jobId").asText();
        Optional<JsonNode> job = awaitJob(jobId, node -> isTerminal(node.path("status").asText()));
        String status = job.map(node -> node.path("status").asText()).orElse("still running after " + PATIENCE.toSeconds() + " s");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", jobId);
        job.filter(node -> node.hasNonNull("error")).ifPresent(node -> details.put("error", node.get("error").asText()));
        String observed = "job " + jobId + " " + status + job.map(node -> node.hasNonNull("error")
                ? ": " + node.get("error").asText() : "").orElse("");
        String error = job.map(node -> node.path("error").asText("")).orElse("");
        boolean passed = expectedStatus.equals(status) && error.contains(expectedInError);
        return new DemoStep(name, "job ends " + expectedStatus + (expectedInError.isEmpty() ? "" : " saying " + expectedInError),
                observed, passed, details);
    }

    private DemoStep driftCheck() throws InterruptedException {
        String name = "scheduled drift check finds the hand-made change on billing";
        listener.step("firing the drift schedule");
        system.fireSchedule("DriftJobSchedule");
        Optional<JsonNode> billing = awaitJobs("type=DRIFT_CHECK", jobs -> findTarget(jobs, "billing")
                .filter(job -> isTerminal(job.path("status").asText())).isPresent())
                .flatMap(jobs -> findTarget(jobs, "billing"));
        boolean warned = awaitNotification(notification -> notification.subject().contains("DriftCheckCompleted")
                && notification.subject().contains("billing"));
        String severity = billing.map(job -> job.path("result").path("severity").asText()).orElse("none");
        boolean passed = billing.isPresent() && "SUCCEEDED".equals(billing.get().path("status").asText())
                && "WARNING".equals(severity) && warned;
        String observed = billing.map(job -> "job " + job.path("id").asText() + " " + job.path("status").asText()
                        + ", severity " + severity + ", " + job.path("result").path("summary").asText())
                .orElse("no finished drift job for billing") + (warned ? "; WARNING notification sent" : "; no notification");
        return new DemoStep(name, "billing drift job SUCCEEDED with a WARNING result and a WARNING notification",
                observed, passed, Map.of());
    }

    private DemoStep costReport() throws InterruptedException {
        String name = "scheduled cost report totals month-to-date cost by service";
        listener.step("firing the cost schedule");
        system.fireSchedule("CostJobSchedule");
        Optional<JsonNode> job = awaitJobs("type=COST_REPORT", jobs -> first(jobs)
                .filter(found -> isTerminal(found.path("status").asText())).isPresent())
                .flatMap(LocalDemo::first);
        String total = job.map(found -> found.path("result").path("data").path("total").asText("")).orElse("");
        boolean passed = job.isPresent() && "SUCCEEDED".equals(job.get().path("status").asText()) && !total.isEmpty();
        String observed = job.map(found -> "job " + found.path("id").asText() + " " + found.path("status").asText()
                + ", " + found.path("result").path("summary").asText()).orElse("no finished cost job");
        return new DemoStep(name, "cost job SUCCEEDED with a total", observed, passed, Map.of());
    }

    /** A configuration with two mistakes, as an operator might push it by hand. */
    static final String INVALID_CONFIGURATION = """
            schemaVersion: 2
            customer: {id: local, account: "123456789012", region: eu-west-1}
            environment: dev
            drift:
              schedule: cron(0 3 * * * *)
            backup:
              copyToRegion: eu-west-1
            """;

    private DemoStep configurationPushes() throws InterruptedException {
        String name = "an invalid configuration pushed at run time is rejected and the last valid one stays in force";
        String expected = "GET /config keeps the version in force after the invalid push and names the rejected version;"
                + " an ERROR notification says why; the corrected push is taken";
        Optional<JsonNode> before = get("/config");
        if (before.isEmpty()) {
            return failed(name, expected, "GET /config answered no configuration before the push");
        }
        String inForce = before.get().path("version").asText();
        listener.step("pushing an invalid configuration to SSM parameter " + system.configurationParameter()
                + " (version " + inForce + " in force)");
        long rejected = system.publishConfiguration(INVALID_CONFIGURATION);
        Optional<JsonNode> afterInvalid = get("/config");
        boolean notified = awaitNotification(notification -> notification.subject().contains("Configuration version " + rejected + " rejected"));
        listener.step("pushing the corrected configuration");
        long fixed = system.publishConfiguration(INVALID_CONFIGURATION.replace("cron(0 3 * * * *)", "cron(0 3 * * ? *)")
                .replace("copyToRegion: eu-west-1", "copyToRegion: eu-central-1"));
        Optional<JsonNode> afterFix = get("/config");

        String versionAfterInvalid = afterInvalid.map(node -> node.path("version").asText()).orElse("none");
        JsonNode rejection = afterInvalid.map(node -> node.path("rejected")).orElse(Json.mapper().missingNode());
        String versionAfterFix = afterFix.map(node -> node.path("version").asText()).orElse("none");
        boolean passed = inForce.equals(versionAfterInvalid) && String.valueOf(rejected).equals(rejection.path("version").asText())
                && rejection.path("problems").size() == 2 && notified && String.valueOf(fixed).equals(versionAfterFix);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("parameter", system.configurationParameter());
        details.put("rejectedVersion", rejected);
        List<String> problems = new ArrayList<>();
        rejection.path("problems").forEach(problem -> problems.add(problem.asText()));
        details.put("problems", problems);
        String observed = "version " + inForce + " in force; invalid version " + rejected + " rejected with "
                + rejection.path("problems").size() + " problems (" + String.join("; ", problems) + "), version "
                + versionAfterInvalid + " still in force, " + (notified ? "ERROR notification sent" : "no notification")
                + "; corrected version " + fixed + " pushed, version " + versionAfterFix + " in force";
        return new DemoStep(name, expected, observed, passed, details);
    }

    private Optional<JsonNode> awaitJob(String jobId, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = clock.instant().plus(PATIENCE);
        while (clock.instant().isBefore(deadline)) {
            Optional<JsonNode> job = get("/jobs/" + jobId);
            if (job.isPresent() && done.test(job.get())) {
                return job;
            }
            Thread.sleep(POLL.toMillis());
        }
        return get("/jobs/" + jobId);
    }

    private Optional<JsonNode> awaitJobs(String query, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = clock.instant().plus(PATIENCE);
        Optional<JsonNode> jobs = Optional.empty();
        while (clock.instant().isBefore(deadline)) {
            jobs = get("/jobs?" + query + "&limit=100").map(page -> page.path("jobs"));
            if (jobs.isPresent() && done.test(jobs.get())) {
                return jobs;
            }
            Thread.sleep(POLL.toMillis());
        }
        return jobs;
    }

    private boolean awaitNotification(Predicate<Notification> wanted) throws InterruptedException {
        Instant deadline = clock.instant().plus(PATIENCE);
        while (clock.instant().isBefore(deadline)) {
            if (system.notifications().stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private Optional<JsonNode> get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiEndpoint() + pathAndQuery))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(Json.read(response.body(), JsonNode.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> findTarget(JsonNode jobs, String target) {
        for (JsonNode job : jobs) {
            if (target.equals(job.path("target").asText())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> first(JsonNode jobs) {
        return jobs.isArray() && !jobs.isEmpty() ? Optional.of(jobs.get(0)) : Optional.empty();
    }

    private static boolean isTerminal(String status) {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    private static DemoStep failed(String name, String expected, String observed) {
        return new DemoStep(name, expected, observed, false, Map.of());
    }
}
