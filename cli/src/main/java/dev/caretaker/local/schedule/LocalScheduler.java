package dev.caretaker.local.schedule;

import dev.caretaker.local.LocalAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Fires the template's schedules in process, on a {@link ScaledClock}: each enabled schedule's
 * target is invoked at every time its expression lists, with the schedule's input and its
 * {@code <aws.scheduler.*>} placeholders filled in. Occurrences are never skipped: if several fall
 * due at once (a large time scale, a slow target), they fire one after another in time order.
 *
 * <p>{@link #fireDue()} does one round and is what tests drive with a fake clock; {@link #start()}
 * runs rounds on a thread of its own until {@link #close()}.
 */
public final class LocalScheduler implements AutoCloseable {

    private static final int HISTORY = 1_000;

    private final List<LocalSchedule> schedules;
    private final ScaledClock clock;
    private final ScheduleTarget target;
    private final LocalAccount account;
    private final Instant start;
    private final Map<String, Optional<Instant>> next = new LinkedHashMap<>();
    private final Deque<FiredSchedule> history = new ArrayDeque<>();
    private final Object wakeUp = new Object();
    private Thread runner;
    private volatile boolean closed;

    public LocalScheduler(List<LocalSchedule> schedules, ScaledClock clock, LocalAccount account, ScheduleTarget target) {
        this.schedules = List.copyOf(schedules);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.account = Objects.requireNonNull(account, "account");
        this.target = Objects.requireNonNull(target, "target");
        // Whole seconds, like the scheduled times Scheduler reports; rates count from here.
        this.start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (LocalSchedule schedule : this.schedules) {
            next.put(schedule.logicalId(), schedule.enabled()
                    ? schedule.expression().nextAfter(start, start, schedule.zone())
                    : Optional.empty());
        }
    }

    /** Now, on the scheduler's (scaled) clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The next {@code count} fire times of one schedule, from where it stands; empty if it is disabled or done. */
    public synchronized List<Instant> upcoming(String logicalId, int count) {
        LocalSchedule schedule = schedule(logicalId);
        List<Instant> times = new ArrayList<>();
        Optional<Instant> time = next.get(logicalId);
        while (time.isPresent() && times.size() < count) {
            times.add(time.get());
            time = schedule.expression().nextAfter(time.get(), start, schedule.zone());
        }
        return times;
    }

    /** Invokes the target for every occurrence due by now, oldest first, and returns what fired. */
    public List<FiredSchedule> fireDue() {
        List<FiredSchedule> fired = new ArrayList<>();
        while (!closed) {
            ScheduledInvocation due;
            synchronized (this) {
                Instant now = clock.instant();
                Optional<LocalSchedule> earliest = schedules.stream()
                        .filter(schedule -> next.get(schedule.logicalId()).filter(time -> !time.isAfter(now)).isPresent())
                        .min(Comparator.comparing(schedule -> next.get(schedule.logicalId()).orElseThrow()));
                if (earliest.isEmpty()) {
                    break;
                }
                LocalSchedule schedule = earliest.get();
                Instant time = next.get(schedule.logicalId()).orElseThrow();
                next.put(schedule.logicalId(), schedule.expression().nextAfter(time, start, schedule.zone()));
                due = invocation(schedule, time);
            }
            FiredSchedule outcome = invoke(due);
            synchronized (this) {
                history.addLast(outcome);
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            fired.add(outcome);
        }
        return fired;
    }

    /**
     * Fires one schedule now, as if its time had come (the demo's "the nightly drift check runs"),
     * without moving its regular next time. The scheduled time is the current minute, as the
     * Scheduler's own times are.
     */
    public FiredSchedule fireNow(String logicalId) {
        ScheduledInvocation due;
        synchronized (this) {
            LocalSchedule schedule = schedules.stream().filter(candidate -> candidate.logicalId().equals(logicalId))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no schedule " + logicalId + " in the template"));
            due = invocation(schedule, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        }
        FiredSchedule outcome = invoke(due);
        synchronized (this) {
            history.addLast(outcome);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        return outcome;
    }

    /** What fired so far (the latest 1,000), oldest first. */
    public synchronized List<FiredSchedule> history() {
        return List.copyOf(history);
    }

    /** Fires schedules on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (runner != null) {
            throw new IllegalStateException("the local scheduler is already running");
        }
        runner = new Thread(this::run, "caretaker-local-scheduler");
        runner.setDaemon(true);
        runner.start();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        Thread thread;
        synchronized (this) {
            thread = runner;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closed) {
            fireDue();
            Optional<Instant> earliest;
            synchronized (this) {
                earliest = next.values().stream().flatMap(Optional::stream).min(Comparator.naturalOrder());
            }
            // Checking at least every second keeps a changed clock or a close() from waiting on a far-off schedule.
            Duration wait = earliest.map(clock::realTimeUntil).filter(until -> until.compareTo(Duration.ofSeconds(1)) < 0)
                    .orElse(Duration.ofSeconds(1));
            synchronized (wakeUp) {
                if (closed) {
                    return;
                }
                try {
                    long millis = wait.toMillis();
                    if (millis > 0) {
                        wakeUp.wait(millis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private FiredSchedule invoke(ScheduledInvocation invocation) {
        try {
            target.invoke(invocation);
            return new FiredSchedule.Invoked(invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FiredSchedule.Failed(invocation, "interrupted");
        } catch (Exception e) {
            return new FiredSchedule.Failed(invocation, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ScheduledInvocation invocation(LocalSchedule schedule, Instant time) {
        String arn = account.arn("scheduler", "schedule/" + schedule.groupName() + "/" + schedule.name());
        String input = schedule.input()
                .replace("<aws.scheduler.scheduled-time>", time.toString())
                .replace("<aws.scheduler.schedule-arn>", arn)
                .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                .replace("<aws.scheduler.attempt-number>", "1");
        return new ScheduledInvocation(schedule.logicalId(), schedule.name(), schedule.targetLogicalId(), time, input);
    }

    private LocalSchedule schedule(String logicalId) {
        return schedules.stream().filter(schedule -> schedule.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schedule " + logicalId + "; schedules: "
                        + schedules.stream().map(LocalSchedule::logicalId).toList()));
    }
}
