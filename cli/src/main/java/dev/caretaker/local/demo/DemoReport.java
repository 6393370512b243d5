package dev.caretaker.local.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's outcome: every step with what was expected and seen; it passed only if every step did. */
public record DemoReport(Instant startedAt, Duration took, List<DemoStep> steps) {

    public DemoReport {
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return !steps.isEmpty() && steps.stream().allMatch(DemoStep::passed);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed());
        json.put("startedAt", startedAt.toString());
        json.put("tookMillis", took.toMillis());
        json.put("steps", steps.stream().map(step -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", step.name());
            entry.put("passed", step.passed());
            entry.put("expected", step.expected());
            entry.put("observed", step.observed());
            entry.put("details", step.details());
            return entry;
        }).toList());
        return json;
    }

    /** A few lines a person reads at the end of the run. */
    public String summary() {
        StringBuilder text = new StringBuilder("Caretaker local demo: ")
                .append(passed() ? "every expected outcome happened" : "SOME EXPECTED OUTCOMES DID NOT HAPPEN")
                .append(" (").append(took.toMillis()).append(" ms)\n");
        for (DemoStep step : steps) {
            text.append(step.passed() ? "  [ok]   " : "  [FAIL] ").append(step.name()).append('\n')
                    .append("         expected: ").append(step.expected()).append('\n')
                    .append("         observed: ").append(step.observed()).append('\n');
        }
        return text.toString();
    }
}
