package dev.caretaker.deployment.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.config.CaretakerConfig.ChangeFreeze;
import dev.caretaker.config.CaretakerConfig.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyGateTest {

    /** Mon–Thu 22:00 Berlin for 4 hours. */
    private static final MaintenanceWindow WEEKNIGHTS = new MaintenanceWindow("weeknights",
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), LocalTime.of(22, 0),
            Duration.ofHours(4), ZoneId.of("Europe/Berlin"));
    private static final ChangeFreeze YEAR_END = new ChangeFreeze("year-end", LocalDate.of(2026, 12, 20),
            LocalDate.of(2027, 1, 3), Optional.of("year-end closing"));
    // Sunday 2026-11-22 04:00 Berlin (03:00 UTC): outside the window.
    private static final Instant SUNDAY = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void goes_whenNoWindowsAreConfigured() {
        assertThat(PolicyGate.decide(SUNDAY, List.of(), List.of(), false, false)).isInstanceOf(GateDecision.Go.class);
    }

    @Test
    void waitsForTheNextOpening_whenOutsideEveryWindow() {
        GateDecision decision = PolicyGate.decide(SUNDAY, List.of(WEEKNIGHTS), List.of(), false, false);

        assertThat(decision).isEqualTo(new GateDecision.WaitUntil(Instant.parse("2026-11-23T21:00:00Z"),
                "outside the maintenance windows; waiting for weeknights at 2026-11-23T21:00:00Z"));
    }

    @Test
    void goes_whenInsideAWindowThatOpenedTheDayBefore() {
        // Tuesday 01:30 Berlin: Monday's window (22:00 + 4 h) is still open.
        Instant tuesdayNight = Instant.parse("2026-11-24T00:30:00Z");

        assertThat(PolicyGate.decide(tuesdayNight, List.of(WEEKNIGHTS), List.of(), false, false))
                .isEqualTo(new GateDecision.Go("inside maintenance window weeknights"));
    }

    @Test
    void refusesNow_whenOutsideAWindowAndTheConfigurationDoesNotAllowIt() {
        GateDecision decision = PolicyGate.decide(SUNDAY, List.of(WEEKNIGHTS), List.of(), false, true);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Refuse.class, refuse ->
                assertThat(refuse.why()).contains("allowOutsideWindow is false"));
    }

    @Test
    void goesNow_whenOutsideAWindowAndTheConfigurationAllowsIt() {
        assertThat(PolicyGate.decide(SUNDAY, List.of(WEEKNIGHTS), List.of(), true, true)).isInstanceOf(GateDecision.Go.class);
    }

    @Test
    void waitsForTheFreezeToEnd_evenWithNowAllowed() {
        Instant inFreeze = Instant.parse("2026-12-24T10:00:00Z");

        GateDecision decision = PolicyGate.decide(inFreeze, List.of(), List.of(YEAR_END), true, true);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.WaitUntil.class, wait -> {
            assertThat(wait.until()).isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
            assertThat(wait.why()).contains("year-end").contains("never bypassed");
        });
    }
}
