package dev.caretaker.cost;

import java.time.LocalDate;

/**
 * The month-to-date window Cost Explorer is asked about: start inclusive, end exclusive. On the
 * first of a month there is no "to date" yet, so it reports the whole previous month.
 */
public record CostPeriod(LocalDate start, LocalDate end) {

    public static CostPeriod monthToDate(LocalDate today) {
        if (today.getDayOfMonth() == 1) {
            return new CostPeriod(today.minusMonths(1), today);
        }
        return new CostPeriod(today.withDayOfMonth(1), today);
    }
}
