package dev.caretaker.cost;

import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.work.Work;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cost worker's function: month-to-date cost, its total and the services that cost most.
 * Budgets, forecasts and anomalies come with the cost issue.
 */
public final class CostReport implements Work {

    private static final int TOP_SERVICES = 5;

    private final CostSource costs;
    private final Clock clock;

    public CostReport(CostSource costs, Clock clock) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) {
        CostPeriod period = CostPeriod.monthToDate(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        CostSource.Costs found = costs.costByService(period);
        String currency = found.services().isEmpty() ? "USD" : found.services().get(0).currency();
        Map<String, BigDecimal> byService = new LinkedHashMap<>();
        found.services().forEach(cost -> byService.merge(cost.service(), cost.amount(), BigDecimal::add));
        BigDecimal total = byService.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        List<Map<String, Object>> top = byService.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP_SERVICES)
                .map(entry -> Map.<String, Object>of("service", entry.getKey(),
                        "amount", entry.getValue().setScale(2, RoundingMode.HALF_UP).toPlainString()))
                .toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("periodStart", period.start().toString());
        data.put("periodEnd", period.end().toString());
        data.put("currency", currency);
        data.put("total", total.toPlainString());
        data.put("topServices", top);
        data.put("costExplorerRequests", found.paidRequests());
        return new WorkResult(Severity.INFO, "cost " + period.start() + " to " + period.end() + ": "
                + total.toPlainString() + " " + currency, data);
    }
}
