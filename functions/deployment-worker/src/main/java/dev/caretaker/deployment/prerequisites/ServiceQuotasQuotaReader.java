package dev.caretaker.deployment.prerequisites;

import java.util.Objects;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/** {@link QuotaReader} on Service Quotas GetServiceQuota (the applied value for this account). */
public final class ServiceQuotasQuotaReader implements QuotaReader {

    private final ServiceQuotasClient serviceQuotas;

    public ServiceQuotasQuotaReader(ServiceQuotasClient serviceQuotas) {
        this.serviceQuotas = Objects.requireNonNull(serviceQuotas, "serviceQuotas");
    }

    @Override
    public OptionalDouble value(String serviceCode, String quotaCode) {
        try {
            Double value = serviceQuotas.getServiceQuota(request -> request.serviceCode(serviceCode).quotaCode(quotaCode))
                    .quota().value();
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        } catch (NoSuchResourceException noSuchQuota) {
            return OptionalDouble.empty();
        }
    }
}
