package dev.caretaker.local.sandbox;

import java.util.Objects;

/** A Service Quotas value the sandbox account has: GetServiceQuota answers it; any other quota does not exist. */
public record ScriptedQuota(String serviceCode, String quotaCode, double value) {

    public ScriptedQuota {
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(quotaCode, "quotaCode");
    }
}
