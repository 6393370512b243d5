package dev.caretaker.deployment.prerequisites;

import java.util.List;

/** Every prerequisite check's finding, together: one round of fixes should clear them all. */
public record PrerequisiteReport(List<Finding> findings) {

    public PrerequisiteReport {
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.stream().allMatch(Finding::passed);
    }

    public List<Finding> failures() {
        return findings.stream().filter(finding -> !finding.passed()).toList();
    }

    /** One line per failure, "check: message → remedy"; what a refused deployment records as its reason. */
    public String failureText() {
        StringBuilder out = new StringBuilder();
        for (Finding failure : failures()) {
            out.append(failure.check()).append(": ").append(failure.message());
            if (failure.remedy() != null) {
                out.append(" -> ").append(failure.remedy());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
