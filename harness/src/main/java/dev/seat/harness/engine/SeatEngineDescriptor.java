package dev.seat.harness.engine;

import org.junit.platform.engine.UniqueId;
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

    @Override
    public void after(SeatExecutionContext context) {
        context.run().close();
    }
}
