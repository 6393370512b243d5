package dev.caretaker.drift.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link DriftHistory} in a list, for tests of what uses it; the DynamoDB one has its own IT. */
public final class InMemoryDriftHistory implements DriftHistory {

    private final List<CheckRecord> checks = new ArrayList<>();

    @Override
    public synchronized Optional<CheckRecord> latest(String stack, String excludingJobId) {
        return checks.stream().filter(check -> check.stack().equals(stack) && !check.jobId().equals(excludingJobId))
                .max(Comparator.comparing(CheckRecord::checkedAt));
    }

    @Override
    public synchronized void record(CheckRecord check) {
        checks.removeIf(existing -> existing.stack().equals(check.stack()) && existing.jobId().equals(check.jobId())
                && existing.checkedAt().equals(check.checkedAt()));
        checks.add(check);
    }

    public synchronized List<CheckRecord> checks() {
        return List.copyOf(checks);
    }
}
