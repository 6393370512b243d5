package dev.caretaker.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caretaker.drift.detect.CallStats;
import dev.caretaker.drift.detect.Detection;
import dev.caretaker.drift.detect.DriftDetector;
import dev.caretaker.drift.history.CheckRecord;
import dev.caretaker.drift.history.DriftChange;
import dev.caretaker.drift.history.DriftHistory;
import dev.caretaker.drift.history.Finding;
import dev.caretaker.drift.remediation.RemediationDecision;
import dev.caretaker.drift.remediation.RemediationPolicy;
import dev.caretaker.drift.remediation.RemediationRequests;
import dev.caretaker.drift.report.DifferenceType;
import dev.caretaker.drift.report.DriftExplainer;
import dev.caretaker.drift.report.DriftReportJson;
import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.DriftSummary;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.PropertyDifference;
import dev.caretaker.drift.report.ResourceDrift;
import dev.caretaker.drift.report.ResourceStatus;
import dev.caretaker.drift.report.StackDrift;
import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.json.Json;
import dev.caretaker.work.PermanentFailure;
import dev.caretaker.work.Work;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The drift worker's function for one stack: detect (the stack and its nested stacks), explain,
 * compare with the last check, store this one, decide remediation, and say how much it matters.
 *
 * <p>The result's severity drives notification: CRITICAL when critical drift is new (it notifies at
 * once), WARNING for new warning-level drift or a partial check, INFO otherwise: known drift is in
 * the report but not paged again, and new tag or description drift never pages.
 */
public final class DriftCheck implements Work {

    // The result travels as an EventBridge event (256 KB) and a DynamoDB item (400 KB).
    private static final int MAX_LISTED = 100;
    private static final int MAX_RESULT_CHARS = 150_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String PRIMING_STACK = "snapstart-priming";

    private final DriftDetector detector;
    private final DriftHistory history;
    private final Supplier<DriftSettings> settings;
    private final Clock clock;
    private final Duration timeBudget;
    private final RemediationRequests remediations;

    /** A check that records its remediation decisions without handing them over. */
    public DriftCheck(DriftDetector detector, DriftHistory history, DriftSettings settings, Clock clock, Duration timeBudget) {
        this(detector, history, () -> settings, clock, timeBudget, RemediationRequests.NONE);
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * With settings read per check, so a new configuration version applies from the next message on,
     * and remediations handed to {@code remediations}.
     */
    public DriftCheck(DriftDetector detector, DriftHistory history, Supplier<DriftSettings> settings, Clock clock,
                      Duration timeBudget, RemediationRequests remediations) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.history = Objects.requireNonNull(history, "history");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeBudget = Objects.requireNonNull(timeBudget, "timeBudget");
        this.remediations = Objects.requireNonNull(remediations, "remediations");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) throws InterruptedException {
        Detection detection;
        try {
            detection = detector.detect(item.target(), timeBudget);
        } catch (DriftDetector.StackNotFound missing) {
            throw new PermanentFailure(missing.getMessage(), missing);
        }
        DriftSettings settings = this.settings.get();
        List<ExplainedStack> stacks = new DriftExplainer(settings.ignore()).explain(detection.stacks());
        Instant now = clock.instant();
        List<DriftChange> changes = new ArrayList<>();
        for (ExplainedStack stack : stacks) {
            DriftChange change = DriftChange.between(history.latest(stack.stack(), job.id()), stack, now);
            history.record(new CheckRecord(stack.stack(), job.id(), now, stack.partial(), change.current(),
                    stack.resources().stream().filter(resource -> resource.status() == ResourceStatus.NOT_CHECKED)
                            .map(ExplainedResource::logicalId).collect(Collectors.toSet())));
            changes.add(change);
        }
        RemediationDecision remediation = RemediationPolicy.decide(settings.remediation(), stacks);
        requestRemediation(remediation, job);
        DriftSummary summary = DriftSummary.of(stacks);
        long newCritical = changes.stream().mapToLong(change -> change.freshCount(DriftSeverity.CRITICAL)).sum();
        long newOther = changes.stream().mapToLong(change -> change.freshCount(DriftSeverity.WARNING)
                + change.freshCount(DriftSeverity.INFO)).sum();
        long newWarning = changes.stream().mapToLong(change -> change.freshCount(DriftSeverity.WARNING)).sum();
        boolean partial = stacks.stream().anyMatch(ExplainedStack::partial);
        Severity severity = newCritical > 0 ? Severity.CRITICAL
                : newWarning > 0 || partial ? Severity.WARNING
                : Severity.INFO;
        String text = summaryText(item.target(), stacks, summary, newCritical + newOther, changes, partial);
        return new WorkResult(severity, text, data(item.target(), stacks, summary, changes, settings.remediation(), remediation,
                detection.calls(), now));
    }

    private void requestRemediation(RemediationDecision decision, Job job) {
        switch (decision) {
            case RemediationDecision.NotRemediated none -> { }
            case RemediationDecision.ApprovalRequested approval -> remediations.request(new RemediationRequests.Request(job.id(),
                    job.correlationId(), approval.stack(), true, approval.resources(), approval.reason()));
            case RemediationDecision.Automatic automatic -> remediations.request(new RemediationRequests.Request(job.id(),
                    job.correlationId(), automatic.stack(), false, automatic.resources(), automatic.reason()));
        }
    }

    /**
     * Explains, classifies and reports a canned drifted stack as {@link #run} does, without the
     * detector, the history or the configuration: their calls count against CloudFormation's rate,
     * write, or read a configuration that may change before the restore.
     */
    @Override
    public void prime() {
        Instant now = clock.instant();
        StackDrift canned = StackDrift.root(PRIMING_STACK, List.of(new ResourceDrift("Bucket", PRIMING_STACK + "-bucket",
                "AWS::S3::Bucket", ResourceStatus.MODIFIED, List.of(new PropertyDifference("VersioningConfiguration.Status",
                        PropertyDifference.parseValue("\"Enabled\""), PropertyDifference.parseValue("\"Suspended\""),
                        DifferenceType.NOT_EQUAL)), Optional.empty())), List.of());
        List<ExplainedStack> stacks = new DriftExplainer(List.of()).explain(List.of(canned));
        List<DriftChange> changes = stacks.stream().map(stack -> DriftChange.between(Optional.empty(), stack, now)).toList();
        Json.write(data(PRIMING_STACK, stacks, DriftSummary.of(stacks), changes, RemediationMode.NEVER,
                RemediationPolicy.decide(RemediationMode.NEVER, stacks), new CallStats(0, 0, Duration.ZERO, Duration.ZERO, 1, 1), now));
    }

    private static String summaryText(String root, List<ExplainedStack> stacks, DriftSummary summary, long fresh,
                                      List<DriftChange> changes, boolean partial) {
        StringBuilder text = new StringBuilder(root);
        if (stacks.size() > 1) {
            text.append(" (+").append(stacks.size() - 1).append(" nested)");
        }
        if (summary.drifted() == 0) {
            text.append(partial ? ": no drift found, but the check was partial" : " is in sync");
        } else {
            text.append(": ").append(summary.drifted()).append(" drifted resource(s) (");
            List<String> parts = new ArrayList<>();
            if (summary.critical() > 0) {
                parts.add(summary.critical() + " CRITICAL");
            }
            if (summary.warning() > 0) {
                parts.add(summary.warning() + " WARNING");
            }
            if (summary.info() > 0) {
                parts.add(summary.info() + " INFO");
            }
            text.append(String.join(", ", parts)).append("), ").append(fresh).append(" new finding(s)");
            if (partial) {
                text.append("; the check was partial");
            }
        }
        long resolved = changes.stream().mapToLong(change -> change.resolved().size()).sum();
        if (resolved > 0) {
            text.append("; ").append(resolved).append(" resolved");
        }
        if (summary.ignored() > 0) {
            text.append("; ").append(summary.ignored()).append(" ignored");
        }
        return text.toString();
    }

    private Map<String, Object> data(String root, List<ExplainedStack> stacks, DriftSummary summary, List<DriftChange> changes,
                                     RemediationMode mode, RemediationDecision remediation, CallStats calls, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stack", root);
        data.put("status", stacks.stream().anyMatch(ExplainedStack::drifted) ? "DRIFTED" : "IN_SYNC");
        data.put("partial", stacks.stream().anyMatch(ExplainedStack::partial));
        List<String> reasons = new ArrayList<>();
        stacks.forEach(stack -> stack.partialReasons().forEach(reason -> reasons.add(stack.stack() + ": " + reason)));
        data.put("partialReasons", reasons);
        data.put("counts", Json.mapper().convertValue(DriftReportJson.summary(summary), MAP));
        Map<String, Object> fresh = new LinkedHashMap<>();
        for (DriftSeverity severity : List.of(DriftSeverity.CRITICAL, DriftSeverity.WARNING, DriftSeverity.INFO)) {
            fresh.put(severity.name().toLowerCase(java.util.Locale.ROOT),
                    changes.stream().mapToLong(change -> change.freshCount(severity)).sum());
        }
        data.put("new", fresh);
        List<Map<String, Object>> drifts = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            String stack = stacks.get(i).stack();
            DriftChange change = changes.get(i);
            for (Finding finding : change.current()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("stack", stack);
                entry.put("logicalId", finding.logicalId());
                entry.put("path", finding.path());
                entry.put("severity", finding.severity().name());
                entry.put("new", change.fresh().contains(finding));
                entry.put("firstSeen", finding.firstSeen().toString());
                entry.put("ageSeconds", Duration.between(finding.firstSeen(), now).toSeconds());
                drifts.add(entry);
            }
            change.resolved().forEach(finding -> resolved.add(stack + ": " + finding.describe()));
            change.previousCheck().ifPresent(previous -> data.putIfAbsent("previousCheck", previous.toString()));
        }
        data.put("drifts", drifts.subList(0, Math.min(MAX_LISTED, drifts.size())));
        data.put("resolved", resolved.subList(0, Math.min(MAX_LISTED, resolved.size())));
        data.put("remediation", remediation(mode, remediation));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("callsPerSecond", Double.isInfinite(calls.callsPerSecond()) ? null : calls.callsPerSecond());
        budget.put("burst", Double.isInfinite(calls.burst()) ? null : (long) calls.burst());
        budget.put("calls", calls.calls());
        budget.put("throttledRetries", calls.throttled());
        budget.put("elapsedSeconds", seconds(calls.elapsed()));
        budget.put("minimumSeconds", seconds(calls.minimumAtBudget()));
        budget.put("waitedForBudgetSeconds", seconds(calls.waitedForBudget()));
        data.put("budget", budget);
        Map<String, Object> report = Json.mapper().convertValue(DriftReportJson.report(stacks), MAP);
        if (Json.write(report).length() > MAX_RESULT_CHARS) {
            report = Map.of("truncated", true, "summary", report.get("summary"));
        }
        data.put("report", report);
        return data;
    }

    private static Map<String, Object> remediation(RemediationMode mode, RemediationDecision decision) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("mode", mode.configValue());
        switch (decision) {
            case RemediationDecision.NotRemediated none -> entry.put("decision", "NONE");
            case RemediationDecision.ApprovalRequested approval -> {
                entry.put("decision", "APPROVAL_REQUESTED");
                entry.put("stack", approval.stack());
                entry.put("resources", approval.resources());
            }
            case RemediationDecision.Automatic automatic -> {
                entry.put("decision", "AUTOMATIC");
                entry.put("stack", automatic.stack());
                entry.put("resources", automatic.resources());
            }
        }
        entry.put("reason", decision.reason());
        if (!(decision instanceof RemediationDecision.NotRemediated)) {
            // Handed to the deployment workflow, which reverts the drift: the remediation is a deployment of its own.
            entry.put("state", "REQUESTED");
        }
        return entry;
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 10.0) / 100.0;
    }
}
