package dev.caretaker.drift;

import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.work.PermanentFailure;
import dev.caretaker.work.Work;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The drift worker's function: detect drift on the job's stack and say how much it matters. */
public final class DriftCheck implements Work {

    private final DriftDetector detector;
    private final Duration budget;

    public DriftCheck(DriftDetector detector, Duration budget) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) throws InterruptedException {
        DriftReport report;
        try {
            report = detector.detect(item.target(), budget);
        } catch (DriftDetector.StackNotFound missing) {
            throw new PermanentFailure(missing.getMessage(), missing);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stack", report.stack());
        data.put("stackDriftStatus", report.stackDriftStatus());
        List<Map<String, Object>> resources = report.driftedResources().stream().map(resource -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("logicalId", resource.logicalId());
            entry.put("resourceType", resource.resourceType());
            entry.put("driftStatus", resource.driftStatus());
            entry.put("differences", resource.differences());
            return entry;
        }).toList();
        data.put("driftedResources", resources);
        if (!report.drifted()) {
            return new WorkResult(Severity.INFO, report.stack() + " is " + report.stackDriftStatus(), data);
        }
        return new WorkResult(Severity.WARNING, report.stack() + " has drifted: " + resources.size()
                + " resource(s) differ from the template", data);
    }
}
