package dev.caretaker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostPeriodTest {

    @ParameterizedTest(name = "{0} -> [{1}, {2})")
    @CsvSource({
        "2026-12-01, 2026-11-01, 2026-12-01",
        "2027-01-01, 2026-12-01, 2027-01-01",
        "2026-03-01, 2026-02-01, 2026-03-01"})
    void coversThePreviousMonth_whenTodayIsTheFirst(LocalDate today, LocalDate start, LocalDate end) {
        assertThat(CostPeriod.monthToDate(today)).isEqualTo(new CostPeriod(start, end));
    }

    @ParameterizedTest(name = "{0} -> [{1}, {2})")
    @CsvSource({
        "2026-11-02, 2026-11-01, 2026-11-02",
        "2026-11-21, 2026-11-01, 2026-11-21",
        "2026-12-31, 2026-12-01, 2026-12-31",
        "2028-02-29, 2028-02-01, 2028-02-29"})
    void runsFromMonthStartToToday_whenMidMonth(LocalDate today, LocalDate start, LocalDate end) {
        CostPeriod period = CostPeriod.monthToDate(today);

        assertThat(period).isEqualTo(new CostPeriod(start, end));
        // Cost Explorer's End is exclusive and must be after Start.
        assertThat(period.end()).isAfter(period.start());
    }
}
