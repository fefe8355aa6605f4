package dev.seat.harness.engine;

import dev.seat.harness.report.GateReport;
import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Root of the seat tree. Running it starts a {@link SeatRun} for its children and closes it (models,
 * embedder, manifest timings) when they are done. Nothing is loaded when it has no suites.
 */
final class SeatEngineDescriptor extends EngineDescriptor implements Node<SeatExecutionContext> {

    SeatEngineDescriptor(UniqueId uniqueId) {
        super(uniqueId, "seat");
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        return context.withRun(new SeatRun(context.config()));
    }

    /**
     * Closes the run, then writes {@code report.html} into its folder (unless {@code -Dreport=false})
     * and publishes it as a file entry of the engine node, so IDEs, Surefire and {@code seat gate} show
     * its path. A report that cannot be written is published as a reporting entry saying why; the
     * run's results stand.
     */
    @Override
    public void after(SeatExecutionContext context) {
        SeatRun run = context.run();
        run.close();
        if (!context.config().reportEnabled()) {
            return;
        }
        run.folder().ifPresent(dir -> {
            try {
                Path report = GateReport.write(dir);
                context.listener().fileEntryPublished(this, FileEntry.from(report, "text/html"));
            } catch (RuntimeException e) {
                context.listener().reportingEntryPublished(this, ReportEntry.from("report",
                        "could not write " + dir.resolve(GateReport.FILE) + ": " + e));
            }
        });
    }
}
