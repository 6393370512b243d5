package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sandbox's Cost Explorer: GetCostAndUsage over AWS JSON 1.1, DAILY or MONTHLY, grouped by
 * the SERVICE dimension or not grouped, metric UnblendedCost, from the scenario's daily costs.
 * What it cannot answer truthfully (filters, other groupings or metrics, hourly data) is refused
 * with a ValidationException that says so, rather than answered with made-up numbers.
 */
final class CostExplorerSandbox {

    static final String TARGET_PREFIX = "AWSInsightsIndexService.";
    private static final String METRIC = "UnblendedCost";
    private static final Set<String> SUPPORTED_FIELDS = Set.of("TimePeriod", "Granularity", "Metrics", "GroupBy", "NextPageToken");

    private final SandboxScenario scenario;
    private final Clock clock;

    CostExplorerSandbox(SandboxScenario scenario, Clock clock) {
        this.scenario = scenario;
        this.clock = clock;
    }

    SandboxResponse handle(String operation, JsonNode request) {
        if (!operation.equals("GetCostAndUsage")) {
            return error(400, "UnknownOperationException", "the Caretaker sandbox does not implement Cost Explorer " + operation);
        }
        try {
            return SandboxResponse.json(200, Json.write(getCostAndUsage(request)));
        } catch (Refused e) {
            return error(400, "ValidationException", e.getMessage());
        }
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> error(400, "LimitExceededException", "Rate exceeded");
            case INTERNAL_ERROR -> error(500, "InternalServerError", "injected by the Caretaker sandbox scenario");
        };
    }

    static SandboxResponse error(int status, String type, String message) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("__type", type);
        error.put("Message", message);
        return SandboxResponse.json(status, Json.write(error));
    }

    private ObjectNode getCostAndUsage(JsonNode request) {
        request.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new Refused("the Caretaker sandbox does not support " + field + " in GetCostAndUsage");
            }
        });
        LocalDate start = date(request.path("TimePeriod").path("Start"), "TimePeriod.Start");
        LocalDate end = date(request.path("TimePeriod").path("End"), "TimePeriod.End");
        if (!start.isBefore(end)) {
            throw new Refused("Start date (" + start + ") must be before end date (" + end + ")");
        }
        String granularity = request.path("Granularity").asText("");
        if (!granularity.equals("DAILY") && !granularity.equals("MONTHLY")) {
            throw new Refused("the Caretaker sandbox answers DAILY or MONTHLY granularity, not '" + granularity + "'");
        }
        List<String> metrics = new ArrayList<>();
        request.path("Metrics").forEach(metric -> metrics.add(metric.asText()));
        if (!metrics.equals(List.of(METRIC))) {
            throw new Refused("the Caretaker sandbox answers the metric " + METRIC + " only, not " + metrics);
        }
        JsonNode groupBy = request.path("GroupBy");
        boolean byService = groupBy.size() == 1 && groupBy.get(0).path("Type").asText().equals("DIMENSION")
                && groupBy.get(0).path("Key").asText().equals("SERVICE");
        if (groupBy.size() > 0 && !byService) {
            throw new Refused("the Caretaker sandbox groups by the SERVICE dimension only, not " + groupBy);
        }
        int from = request.hasNonNull("NextPageToken") ? token(request.get("NextPageToken").asText()) : 0;

        // Paging counts entries in order: one per service group, or one per period where there is no group to count;
        // a token is the index of the entry the next page starts with.
        List<Entry> entries = new ArrayList<>();
        for (LocalDate periodStart = start; periodStart.isBefore(end); ) {
            LocalDate periodEnd = granularity.equals("DAILY") ? periodStart.plusDays(1) : min(periodStart.withDayOfMonth(1).plusMonths(1), end);
            Map<String, BigDecimal> costs = costs(periodStart, periodEnd);
            if (byService && !costs.isEmpty()) {
                for (Map.Entry<String, BigDecimal> cost : costs.entrySet()) {
                    entries.add(new Entry(periodStart, periodEnd, cost.getKey(), cost.getValue()));
                }
            } else {
                entries.add(new Entry(periodStart, periodEnd, null, costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
            }
            periodStart = periodEnd;
        }
        int to = Math.min(entries.size(), from + scenario.costGroupsPerPage());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        ObjectNode response = Json.mapper().createObjectNode();
        if (byService) {
            response.putArray("GroupDefinitions").addObject().put("Type", "DIMENSION").put("Key", "SERVICE");
        }
        ArrayNode results = response.putArray("ResultsByTime");
        ObjectNode result = null;
        LocalDate resultStart = null;
        for (Entry entry : entries.subList(Math.min(from, entries.size()), to)) {
            if (result == null || !entry.start().equals(resultStart)) {
                resultStart = entry.start();
                result = results.addObject();
                result.putObject("TimePeriod").put("Start", entry.start().toString()).put("End", entry.end().toString());
                ObjectNode total = result.putObject("Total");
                result.putArray("Groups");
                if (!byService) {
                    amount(total, entry.amount());
                }
                // Cost Explorer estimates any period that has not ended yet.
                result.put("Estimated", entry.end().isAfter(today));
            }
            if (entry.service() != null) {
                ObjectNode group = ((ArrayNode) result.get("Groups")).addObject();
                group.putArray("Keys").add(entry.service());
                amount(group.putObject("Metrics"), entry.amount());
            }
        }
        if (to < entries.size()) {
            response.put("NextPageToken", Integer.toString(to));
        }
        response.putArray("DimensionValueAttributes");
        return response;
    }

    private record Entry(LocalDate start, LocalDate end, String service, BigDecimal amount) {
    }

    private Map<String, BigDecimal> costs(LocalDate from, LocalDate to) {
        Map<String, BigDecimal> byService = new TreeMap<>();
        for (DailyCost cost : scenario.costs()) {
            if (!cost.day().isBefore(from) && cost.day().isBefore(to) && cost.amount().signum() > 0) {
                byService.merge(cost.service(), cost.amount(), BigDecimal::add);
            }
        }
        return byService;
    }

    private static void amount(ObjectNode metrics, BigDecimal amount) {
        metrics.putObject(METRIC).put("Amount", amount.toPlainString()).put("Unit", "USD");
    }

    private static LocalDate date(JsonNode value, String field) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new Refused(field + " must be a date as yyyy-MM-dd, was '" + value.asText() + "'");
        }
    }

    private static int token(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refused("'" + value + "' is not a page token the Caretaker sandbox issued");
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
