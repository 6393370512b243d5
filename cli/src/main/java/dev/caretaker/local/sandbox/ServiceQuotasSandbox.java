package dev.caretaker.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.util.List;

/**
 * The sandbox's Service Quotas over AWS JSON 1.1: GetServiceQuota answers the scenario's quotas;
 * any other quota does not exist (NoSuchResourceException), as for a code AWS does not know.
 */
final class ServiceQuotasSandbox {

    static final String TARGET_PREFIX = "ServiceQuotasV20190624.";

    private final List<ScriptedQuota> quotas;
    private final String region;
    private final String accountId;

    ServiceQuotasSandbox(List<ScriptedQuota> quotas, String region, String accountId) {
        this.quotas = List.copyOf(quotas);
        this.region = region;
        this.accountId = accountId;
    }

    SandboxResponse handle(String operation, JsonNode request) {
        if (!operation.equals("GetServiceQuota")) {
            return CostExplorerSandbox.error(400, "UnknownOperationException", "the Caretaker sandbox does not implement Service Quotas "
                    + operation);
        }
        String service = request.path("ServiceCode").asText("");
        String code = request.path("QuotaCode").asText("");
        if (service.isEmpty() || code.isEmpty()) {
            return CostExplorerSandbox.error(400, "ValidationException", "ServiceCode and QuotaCode are required");
        }
        return quotas.stream().filter(quota -> quota.serviceCode().equals(service) && quota.quotaCode().equals(code)).findFirst()
                .map(quota -> {
                    ObjectNode answer = Json.mapper().createObjectNode();
                    answer.putObject("Quota")
                            .put("ServiceCode", service)
                            .put("ServiceName", service)
                            .put("QuotaArn", "arn:aws:servicequotas:" + region + ":" + accountId + ":" + service + "/" + code)
                            .put("QuotaCode", code)
                            .put("QuotaName", "Caretaker sandbox quota " + code)
                            .put("Value", quota.value())
                            .put("Unit", "None")
                            .put("Adjustable", true)
                            .put("GlobalQuota", false);
                    return SandboxResponse.json(200, Json.write(answer));
                })
                .orElseGet(() -> CostExplorerSandbox.error(400, "NoSuchResourceException", "The Caretaker sandbox scenario has no quota "
                        + code + " for service " + service));
    }

    static SandboxResponse failure(InjectedFailure.Kind kind) {
        return switch (kind) {
            case THROTTLING -> CostExplorerSandbox.error(400, "TooManyRequestsException", "Rate exceeded");
            case INTERNAL_ERROR -> CostExplorerSandbox.error(500, "ServiceException", "injected by the Caretaker sandbox scenario");
        };
    }
}
