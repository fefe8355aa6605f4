package dev.seat.harness.engine;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;

/**
 * A {@link BenchmarkSuite} class: one {@link BenchmarkTaskDescriptor} per benchmark entry, each
 * holding the suite's checks.
 *
 * <p>Skipped, with the reason, when {@code benchmarks} selects none of its entries (the default:
 * see {@link BenchmarkSelection}); nothing is measured then. Running it checks that every entry
 * is a known task or group and makes the suite instance; when its entries are done it writes
 * lm-eval's files for the run's benchmark results into the run folder and publishes the
 * checkpoint's {@code results_<date>.json}.
 *
 * <p>Unique id segment {@code [suite:<class name>]}, like {@link SuiteDescriptor}; source: the
 * class; tags {@code seat} and {@code benchmark} ({@code -DexcludedGroups=benchmark} leaves
 * benchmarks out even when selected).
 */
final class BenchmarkSuiteDescriptor extends AbstractSuiteDescriptor {
    private final BenchmarkSuiteDefinition definition;

    BenchmarkSuiteDescriptor(UniqueId uniqueId, BenchmarkSuiteDefinition definition) {
        super(uniqueId, definition.displayName(), definition.type());
        this.definition = definition;
    }

    BenchmarkSuiteDefinition definition() {
        return definition;
    }

    @Override
    public Set<TestTag> getTags() {
        return SeatTags.BENCHMARK;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        BenchmarkSelection selection = BenchmarkSelection.of(context.config());
        return selection.selectsAny(definition.benchmarks())
                ? SkipResult.doNotSkip()
                : SkipResult.skip(selection.suiteNotSelectedReason(definition.benchmarks()));
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        requireCheckpoint(context);
        return context.withBenchmarkSuite(new BenchmarkSuiteRun(definition, context.run()));
    }

    @Override
    public void after(SeatExecutionContext context) {
        if (context.run().openFailure().isEmpty()) {
            context.run().benchmarks().writeLmEvalFiles().ifPresent(file ->
                    context.listener().fileEntryPublished(this, FileEntry.from(file, "application/json")));
        }
    }
}
