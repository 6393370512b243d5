package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig.ChangeFreeze;
import dev.caretaker.config.CaretakerConfig.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows and change freezes. A freeze is never bypassed: during one the deployment
 * waits for its end, whatever {@code --now} says. Outside every window it waits for the next one
 * to open, or goes at once when {@code --now} was asked for and the configuration allows it. No
 * windows configured means any time is a window. Freeze dates are UTC days, both ends included.
 */
public final class PolicyGate {

    private PolicyGate() {
    }

    public static GateDecision decide(Instant now, List<MaintenanceWindow> windows, List<ChangeFreeze> freezes,
                                      boolean allowOutsideWindow, boolean nowRequested) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Optional<ChangeFreeze> freeze = freezes.stream()
                .filter(f -> !today.isBefore(f.from()) && !today.isAfter(f.to()))
                .max(Comparator.comparing(ChangeFreeze::to));
        if (freeze.isPresent()) {
            ChangeFreeze f = freeze.get();
            Instant end = f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            return new GateDecision.WaitUntil(end, "change freeze " + f.name() + " (" + f.from() + " to " + f.to()
                    + f.reason().map(r -> ": " + r).orElse("") + ") is on; a freeze is never bypassed, not even with --now");
        }
        if (windows.isEmpty()) {
            return new GateDecision.Go("no maintenance windows configured: changes go at any time");
        }
        for (MaintenanceWindow window : windows) {
            if (isOpen(window, now)) {
                return new GateDecision.Go("inside maintenance window " + window.name());
            }
        }
        if (nowRequested) {
            return allowOutsideWindow
                    ? new GateDecision.Go("--now outside the maintenance windows, allowed by deployment.allowOutsideWindow")
                    : new GateDecision.Refuse("--now was requested outside the maintenance windows, but deployment.allowOutsideWindow"
                    + " is false: start it without --now to wait for the next window, or set allowOutsideWindow: true");
        }
        MaintenanceWindow next = null;
        Instant opens = null;
        for (MaintenanceWindow window : windows) {
            Instant candidate = nextOpening(window, now);
            if (candidate != null && (opens == null || candidate.isBefore(opens))) {
                opens = candidate;
                next = window;
            }
        }
        if (opens == null) {
            return new GateDecision.Refuse("no maintenance window opens in the next 8 days: check maintenanceWindows");
        }
        return new GateDecision.WaitUntil(opens, "outside the maintenance windows; waiting for " + next.name() + " at " + opens);
    }

    static boolean isOpen(MaintenanceWindow window, Instant now) {
        ZonedDateTime local = now.atZone(window.timeZone());
        // A window that started yesterday may still be open (22:00 for 4 hours).
        for (int daysBack = 0; daysBack <= 7; daysBack++) {
            LocalDate day = local.toLocalDate().minusDays(daysBack);
            if (!window.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = day.atTime(window.start()).atZone(window.timeZone()).toInstant();
            if (!now.isBefore(start) && now.isBefore(start.plus(window.duration()))) {
                return true;
            }
        }
        return false;
    }

    static Instant nextOpening(MaintenanceWindow window, Instant now) {
        LocalDate today = now.atZone(window.timeZone()).toLocalDate();
        for (int days = 0; days <= 8; days++) {
            LocalDate day = today.plusDays(days);
            if (window.days().contains(day.getDayOfWeek())) {
                Instant start = day.atTime(window.start()).atZone(window.timeZone()).toInstant();
                if (start.isAfter(now)) {
                    return start;
                }
            }
        }
        return null;
    }
}
