package dev.caretaker.bench.jmh;

import dev.caretaker.cost.CostReport;
import dev.caretaker.cost.CostSource;
import dev.caretaker.cost.ServiceCost;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost worker's analysis on 13 months × 50 services of daily costs (19,500 rows as Cost
 * Explorer pages them): totals by service, the grand total and the top services, in decimal
 * arithmetic. The cost analyzer of the cost issue (budgets, forecasts, anomalies) is not built
 * yet; CostReport is what the worker runs today, so it is what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CostReportBenchmark {

    private CostReport report;
    private WorkItem item;
    private Job job;

    @Setup
    public void setUp() {
        List<ServiceCost> rows = new ArrayList<>();
        for (int day = 0; day < 13 * 30; day++) {
            for (int service = 0; service < 50; service++) {
                rows.add(new ServiceCost("Service " + service, new BigDecimal(((day * 37 + service * 101) % 5000) + ".1234567891"), "USD"));
            }
        }
        CostSource.Costs costs = new CostSource.Costs(rows, 13);
        report = new CostReport(period -> costs, Clock.fixed(Instant.parse("2026-11-21T06:00:00Z"), ZoneOffset.UTC));
        job = Job.queued(new JobRequest(JobType.COST_REPORT, "*", new JobTrigger.Schedule("cost", Instant.parse("2026-11-21T06:00:00Z"))),
                Instant.parse("2026-11-21T06:00:00Z"));
        item = new WorkItem(job.id(), JobType.COST_REPORT, "*", job.correlationId(), Map.of());
    }

    @Benchmark
    public WorkResult thirteenMonthsFiftyServices() {
        return report.run(item, job);
    }
}
