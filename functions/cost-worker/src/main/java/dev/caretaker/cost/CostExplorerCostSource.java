package dev.caretaker.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;

/**
 * {@link CostSource} on Cost Explorer GetCostAndUsage ($0.01 a request): MONTHLY granularity
 * grouped by SERVICE, so a month-to-date report is one request unless the account uses more
 * services than fit a page.
 */
public final class CostExplorerCostSource implements CostSource {

    private static final String METRIC = "UnblendedCost";

    private final CostExplorerClient costExplorer;

    public CostExplorerCostSource(CostExplorerClient costExplorer) {
        this.costExplorer = Objects.requireNonNull(costExplorer, "costExplorer");
    }

    @Override
    public Costs costByService(CostPeriod period) {
        List<ServiceCost> services = new ArrayList<>();
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
            response.resultsByTime().forEach(result -> result.groups().forEach(group -> {
                var metric = group.metrics().get(METRIC);
                if (metric != null) {
                    services.add(new ServiceCost(group.keys().get(0), new BigDecimal(metric.amount()), metric.unit()));
                }
            }));
            token = response.nextPageToken();
        } while (token != null && !token.isEmpty());
        return new Costs(services, requests);
    }
}
