package dev.seat.harness.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Measurement}s of the check running on this thread. The engine opens one around each
 * check invocation; the assertion types add to it and do nothing when none is open (an assertion
 * used outside the engine).
 */
public final class Measurements implements AutoCloseable {
    private static final ThreadLocal<Measurements> CURRENT = new ThreadLocal<>();

    private final List<Measurement> list = new ArrayList<>();
    private final Measurements outer;

    private Measurements(Measurements outer) {
        this.outer = outer;
    }

    /** Starts collecting on this thread until {@link #close()}. */
    public static Measurements open() {
        Measurements m = new Measurements(CURRENT.get());
        CURRENT.set(m);
        return m;
    }

    /** What was measured so far. */
    public List<Measurement> list() {
        return List.copyOf(list);
    }

    static void record(Measurement m) {
        Measurements current = CURRENT.get();
        if (current != null) {
            current.list.add(m);
        }
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
