package dev.caretaker.local.sandbox;

import java.time.Instant;
import java.util.Optional;

/** A template a stack ran from {@code from} (its resources all deployed) until {@code until} (empty: still running). */
record RunningPeriod(SandboxTemplate template, Instant from, Optional<Instant> until) {
}
