package dev.caretaker.deployment;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use and kept. The worker runs one step per invocation, and a step needs only
 * its own clients: making them when the step first runs keeps the rest out of a cold start (and
 * SnapStart's priming makes them all before the snapshot, where they cost nothing on restore).
 */
final class Memoized<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    private Memoized(Supplier<T> make) {
        this.make = Objects.requireNonNull(make, "make");
    }

    static <T> Memoized<T> of(Supplier<T> make) {
        return new Memoized<>(make);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(make.get(), "a memoized supplier made null");
                    value = made;
                }
            }
        }
        return made;
    }
}
