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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;

/**
 * The cost worker's function: month-to-date cost by service, in one Cost Explorer request
 * ($0.01 each; MONTHLY granularity keeps it to one page). Budgets, forecasts and anomalies come
 * with the cost issue.
 */
public final class CostReport implements Work {

    private static final String METRIC = "UnblendedCost";
    private static final int TOP_SERVICES = 5;

    private final CostExplorerClient costExplorer;
    private final Clock clock;

    public CostReport(CostExplorerClient costExplorer, Clock clock) {
        this.costExplorer = Objects.requireNonNull(costExplorer, "costExplorer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WorkResult run(WorkItem item, Job job) {
        CostPeriod period = CostPeriod.monthToDate(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        List<ServiceCost> services = new ArrayList<>();
        String currency = "USD";
        String token = null;
        int requests = 0;
        do {
            String page = token;
            GetCostAndUsageResponse response = costExplorer.getCostAndUsage(request -> request
                    .timePeriod(range -> range.start(period.start().toString()).end(period.end().toString()))
                    .granularity(Granularity.MONTHLY)
                    .metrics(METRIC)
                    .groupBy(group -> group.type(GroupDefinitionType.DIMENSION).key("SERVICE"))
                    .nextPageToken(page));
            requests++;
            for (var result : response.resultsByTime()) {
                for (var group : result.groups()) {
                    var metric = group.metrics().get(METRIC);
                    if (metric == null) {
                        continue;
                    }
                    currency = metric.unit();
                    services.add(new ServiceCost(group.keys().get(0), new BigDecimal(metric.amount())));
                }
            }
            token = response.nextPageToken();
        } while (token != null && !token.isEmpty());

        Map<String, BigDecimal> byService = new LinkedHashMap<>();
        services.forEach(cost -> byService.merge(cost.service(), cost.amount(), BigDecimal::add));
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
        data.put("costExplorerRequests", requests);
        return new WorkResult(Severity.INFO, "cost " + period.start() + " to " + period.end() + ": "
                + total.toPlainString() + " " + currency, data);
    }

    private record ServiceCost(String service, BigDecimal amount) {
    }
}
