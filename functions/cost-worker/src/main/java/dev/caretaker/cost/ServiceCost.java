package dev.caretaker.cost;

import java.math.BigDecimal;
import java.util.Objects;

/** What one AWS service cost over a period, in the account's billing currency. */
public record ServiceCost(String service, BigDecimal amount, String currency) {

    public ServiceCost {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
