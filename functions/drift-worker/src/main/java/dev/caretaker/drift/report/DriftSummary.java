package dev.caretaker.drift.report;

import java.util.Collection;

/**
 * Counts over a report: drifted resources by severity, differences (and whole resources) dropped by
 * ignore rules, and resources that could not be checked.
 */
public record DriftSummary(long critical, long warning, long info, long ignored, long unchecked) {

    public static DriftSummary of(Collection<ExplainedStack> stacks) {
        long critical = 0;
        long warning = 0;
        long info = 0;
        long ignored = 0;
        long unchecked = 0;
        for (ExplainedStack stack : stacks) {
            critical += stack.count(DriftSeverity.CRITICAL);
            warning += stack.count(DriftSeverity.WARNING);
            info += stack.count(DriftSeverity.INFO);
            ignored += stack.ignored();
            unchecked += stack.unchecked();
        }
        return new DriftSummary(critical, warning, info, ignored, unchecked);
    }

    public long drifted() {
        return critical + warning + info;
    }
}
