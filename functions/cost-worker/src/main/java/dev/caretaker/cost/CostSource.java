package dev.caretaker.cost;

import java.util.List;

/** Port: cost by service over a period, and how many paid requests it took to find out. */
public interface CostSource {

    Costs costByService(CostPeriod period);

    record Costs(List<ServiceCost> services, int paidRequests) {
        public Costs {
            services = List.copyOf(services);
        }
    }
}
