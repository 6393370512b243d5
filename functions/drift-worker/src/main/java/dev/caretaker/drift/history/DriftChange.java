package dev.caretaker.drift.history;

import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed since the last check of a stack: drift that is new, drift that persists (with the
 * time it was first seen), and drift that was resolved. Drift on a resource this check could not
 * reach is carried forward, not called resolved: not seeing it is not seeing it gone.
 */
public record DriftChange(List<Finding> fresh, List<Finding> persisting, List<Finding> resolved, Optional<Instant> previousCheck) {

    public DriftChange {
        fresh = List.copyOf(fresh);
        persisting = List.copyOf(persisting);
        resolved = List.copyOf(resolved);
    }

    public static DriftChange between(Optional<CheckRecord> previous, ExplainedStack current, Instant now) {
        Map<String, Finding> before = new LinkedHashMap<>();
        previous.ifPresent(check -> check.findings().forEach(finding -> before.put(finding.key(), finding)));
        Set<String> unreachable = new HashSet<>();
        current.resources().stream().filter(resource -> resource.status() == ResourceStatus.NOT_CHECKED)
                .map(ExplainedResource::logicalId).forEach(unreachable::add);
        List<Finding> fresh = new ArrayList<>();
        List<Finding> persisting = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ExplainedResource resource : current.driftedResources()) {
            for (Finding finding : Finding.of(resource, now)) {
                seen.add(finding.key());
                Finding earlier = before.get(finding.key());
                if (earlier == null) {
                    fresh.add(finding);
                } else {
                    persisting.add(finding.seenFirstAt(earlier.firstSeen()));
                }
            }
        }
        List<Finding> resolved = new ArrayList<>();
        for (Finding earlier : before.values()) {
            if (seen.contains(earlier.key())) {
                continue;
            }
            if (unreachable.contains(earlier.logicalId())) {
                persisting.add(earlier);
            } else {
                resolved.add(earlier);
            }
        }
        return new DriftChange(fresh, persisting, resolved, previous.map(CheckRecord::checkedAt));
    }

    /** Every drift known after this check, with first-seen times: what the next check compares with. */
    public List<Finding> current() {
        List<Finding> all = new ArrayList<>(persisting);
        all.addAll(fresh);
        return all;
    }

    public long freshCount(DriftSeverity severity) {
        return fresh.stream().filter(finding -> finding.severity() == severity).count();
    }

    public Optional<Duration> oldest(Instant now) {
        return current().stream().map(Finding::firstSeen).min(Instant::compareTo).map(first -> Duration.between(first, now));
    }
}
