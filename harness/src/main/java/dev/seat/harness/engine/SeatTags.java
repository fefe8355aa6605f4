package dev.seat.harness.engine;

import java.util.Set;
import org.junit.platform.engine.TestTag;

/**
 * The tags of seat's nodes: every node carries {@code seat} ({@code mvn test -DexcludedGroups=seat}
 * leaves the gate out) and benchmark nodes also {@code benchmark}
 * ({@code -DexcludedGroups=benchmark} leaves benchmarks out even when selected).
 */
final class SeatTags {
    static final Set<TestTag> GATE = Set.of(TestTag.create("seat"));
    static final Set<TestTag> BENCHMARK = Set.of(TestTag.create("seat"), TestTag.create("benchmark"));

    private SeatTags() {}
}
