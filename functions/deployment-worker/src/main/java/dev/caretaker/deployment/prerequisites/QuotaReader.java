package dev.caretaker.deployment.prerequisites;

import java.util.OptionalDouble;

/** Port: the applied value of a service quota in this account and region; empty when the quota does not exist. */
public interface QuotaReader {

    OptionalDouble value(String serviceCode, String quotaCode);
}
