package dev.caretaker.local.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** What one service cost on one day, in USD, as Cost Explorer will report it. */
public record DailyCost(LocalDate day, String service, BigDecimal amount) {

    public DailyCost {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a cost is not negative, was " + amount + " for " + service + " on " + day);
        }
    }
}
