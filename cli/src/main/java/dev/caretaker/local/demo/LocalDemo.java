package dev.caretaker.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import dev.caretaker.local.LocalSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A scripted day in the life, run against a started {@link LocalSystem} through its public
 * surfaces only: signed webhooks and the HTTP API over HTTP, and the template's schedules. Each
 * step says what it expected and what it saw; the run fails if any expectation is unmet.
 *
 * <p>The day is a list of named scenarios ({@link #SCENARIOS}); {@link #DEFAULT} is what
 * {@code caretaker local --demo} plays, and {@code --scenario NAME} plays chosen ones, each on the
 * sandbox as the system started it. The three left out of the default take a minute each of real
 * time (a window to open, an approval to time out) or would leave app waiting.
 */
public final class LocalDemo {

    /** Every scenario, by name, with what it shows. */
    public static final Map<String, String> SCENARIOS;
    /** What {@code --demo} plays, in this order: the app steps build on each other. */
    public static final List<String> DEFAULT = List.of("deploy", "reject", "alarm-rollback", "approve", "tampered",
            "failed-create", "rollback-failed", "stuck-stack", "duplicate", "drift", "remediation", "cost", "config");

    static {
        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.put("deploy", "a signed release webhook deploys app 1.4.0");
        scenarios.put("reject", "a risky release waits for approval and is rejected");
        scenarios.put("alarm-rollback", "an alarm after app 1.6.0 returns app to its last known-good release");
        scenarios.put("approve", "an operator starts the risky release and approves it");
        scenarios.put("tampered", "a release whose template changed after signing is refused");
        scenarios.put("failed-create", "a new stack that fails to create is rolled back by CloudFormation");
        scenarios.put("rollback-failed", "an update whose rollback fails is recovered by continuing the rollback");
        scenarios.put("stuck-stack", "a release for a stack stuck in UPDATE_ROLLBACK_FAILED is refused with the recovery path");
        scenarios.put("duplicate", "a repeated delivery and a repeated start change nothing");
        scenarios.put("window", "a release outside the maintenance window waits for it (about a minute)");
        scenarios.put("approval-timeout", "a release nobody approves is rejected when the approval times out (about a minute)");
        scenarios.put("cancel", "an operator cancels a release waiting for approval");
        scenarios.put("drift", "the drift schedule finds, classifies and decides on hand-made changes");
        scenarios.put("remediation", "the drift check's remediation is approved and reverts billing's drift (after drift)");
        scenarios.put("cost", "the cost schedule reports month-to-date cost");
        scenarios.put("config", "an invalid configuration is rejected and the last valid one stays in force");
        SCENARIOS = Collections.unmodifiableMap(scenarios);
    }

    private final DemoApi api;
    private final DeploymentDemo deployments;
    private final Clock clock;
    private final DemoListener listener;
    private final LocalSystem system;

    public LocalDemo(LocalSystem system, Clock clock, DemoListener listener) {
        this.system = system;
        this.api = new DemoApi(system, clock);
        this.deployments = new DeploymentDemo(api, clock, listener);
        this.clock = clock;
        this.listener = listener;
    }

    /** Where the demo tells what it is doing. */
    @FunctionalInterface
    public interface DemoListener {
        void step(String line);
    }

    /** The default day: {@link #DEFAULT}. */
    public DemoReport run() throws InterruptedException {
        return run(DEFAULT);
    }

    /**
     * Plays the named scenarios in order.
     *
     * @throws IllegalArgumentException for a name that is not in {@link #SCENARIOS}, before anything runs
     */
    public DemoReport run(List<String> scenarios) throws InterruptedException {
        for (String name : scenarios) {
            if (!SCENARIOS.containsKey(name)) {
                throw new IllegalArgumentException("unknown demo scenario '" + name + "'; expected one of " + SCENARIOS.keySet());
            }
        }
        Instant started = clock.instant();
        List<DemoStep> steps = new ArrayList<>();
        for (String name : scenarios) {
            listener.step("scenario " + name + ": " + SCENARIOS.get(name));
            steps.add(play(name));
        }
        return new DemoReport(started, Duration.between(started, clock.instant()), steps);
    }

    private DemoStep play(String scenario) throws InterruptedException {
        return switch (scenario) {
            case "deploy" -> deployments.deploy("webhook-triggered deployment of app 1.4.0", "app", "1.4.0", "SUCCEEDED", "");
            case "reject" -> deployments.rejectRiskyChange();
            case "alarm-rollback" -> deployments.alarmAfterChange();
            case "approve" -> deployments.approveRiskyChange();
            case "tampered" -> deployments.deploy("a release whose template changed after signing is refused", "app", "1.6.1",
                    "FAILED", "TEMPLATE_MISMATCH");
            case "failed-create" -> deployments.deploy("a new stack that fails to create is rolled back by CloudFormation",
                    "reports", "1.0.0", "ROLLED_BACK", "ReportsIndex CREATE_FAILED");
            case "rollback-failed" -> deployments.deploy("an update whose rollback fails is recovered by continuing the rollback",
                    "ledger", "2.1.0", "ROLLED_BACK", "the rollback was continued skipping [Postings]");
            case "stuck-stack" -> deployments.deploy("deployment to a stack stuck in UPDATE_ROLLBACK_FAILED is refused with the"
                    + " recovery path", "legacy", "2.0.0", "FAILED", "ContinueUpdateRollback");
            case "duplicate" -> deployments.duplicateDeliveries();
            case "window" -> deployments.waitForWindow();
            case "approval-timeout" -> deployments.approvalTimesOut();
            case "cancel" -> deployments.cancelWhileWaiting();
            case "drift" -> driftCheck();
            case "remediation" -> deployments.remediateDrift();
            case "cost" -> costReport();
            case "config" -> configurationPushes();
            default -> throw new IllegalStateException("scenario " + scenario + " has no step");
        };
    }

    private DemoStep driftCheck() throws InterruptedException {
        String name = "scheduled drift check finds, classifies and decides on the hand-made changes to billing and its nested stack";
        listener.step("firing the drift schedule");
        system.fireSchedule("DriftJobSchedule");
        Optional<JsonNode> billing = awaitJobs("type=DRIFT_CHECK", jobs -> findTarget(jobs, "billing")
                .filter(job -> isTerminal(job.path("status").asText())).isPresent())
                .flatMap(jobs -> findTarget(jobs, "billing"));
        boolean notified = api.awaitNotification(notification -> notification.subject().startsWith("[CRITICAL]")
                && notification.subject().contains("DriftCheckCompleted") && notification.subject().contains("billing"));
        JsonNode result = billing.map(job -> job.path("result")).orElse(Json.mapper().nullNode());
        String severity = result.path("severity").asText("none");
        JsonNode data = result.path("data");
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode stack : data.path("report").path("stacks")) {
            for (JsonNode resource : stack.path("resources")) {
                found.put(stack.path("stack").asText() + "/" + resource.path("logicalId").asText(),
                        resource.path("status").asText() + " " + resource.path("severity").asText());
            }
        }
        String remediation = data.path("remediation").path("decision").asText("none");
        Map<String, String> expectedFindings = Map.of(
                "billing/InvoiceBucket", "MODIFIED WARNING",
                "billing-network/InvoiceSecurityGroup", "MODIFIED CRITICAL");
        boolean passed = billing.isPresent() && "SUCCEEDED".equals(billing.get().path("status").asText())
                && "CRITICAL".equals(severity) && found.equals(expectedFindings)
                && "APPROVAL_REQUESTED".equals(remediation) && notified;
        String observed = billing.map(job -> "job " + job.path("id").asText() + " " + job.path("status").asText()
                        + ", severity " + severity + ", " + result.path("summary").asText() + "; found " + found
                        + "; remediation " + remediation + " (" + data.path("remediation").path("reason").asText() + ")")
                .orElse("no finished drift job for billing") + (notified ? "; CRITICAL notification sent" : "; no CRITICAL notification");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("findings", found);
        details.put("remediation", remediation);
        details.put("budget", Json.mapper().convertValue(data.path("budget"), Map.class));
        return new DemoStep(name, "billing drift job SUCCEEDED with a CRITICAL result: InvoiceBucket WARNING,"
                + " billing-network/InvoiceSecurityGroup CRITICAL; auto remediation held for approval; a CRITICAL notification",
                observed, passed, details);
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
        Optional<JsonNode> before = api.get("/config");
        if (before.isEmpty()) {
            return failed(name, expected, "GET /config answered no configuration before the push");
        }
        String inForce = before.get().path("version").asText();
        listener.step("pushing an invalid configuration to SSM parameter " + system.configurationParameter()
                + " (version " + inForce + " in force)");
        long rejected = system.publishConfiguration(INVALID_CONFIGURATION);
        Optional<JsonNode> afterInvalid = api.get("/config");
        boolean notified = api.awaitNotification(notification -> notification.subject().contains("Configuration version " + rejected + " rejected"));
        listener.step("pushing the corrected configuration");
        long fixed = system.publishConfiguration(INVALID_CONFIGURATION.replace("cron(0 3 * * * *)", "cron(0 3 * * ? *)")
                .replace("copyToRegion: eu-west-1", "copyToRegion: eu-central-1"));
        Optional<JsonNode> afterFix = api.get("/config");

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

    private Optional<JsonNode> awaitJobs(String query, Predicate<JsonNode> done) throws InterruptedException {
        return api.await("/jobs?" + query + "&limit=100", page -> done.test(page.path("jobs"))).map(page -> page.path("jobs"));
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
