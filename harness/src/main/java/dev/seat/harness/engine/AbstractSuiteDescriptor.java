package dev.seat.harness.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * What the ignorance and benchmark suite nodes share: a container for one suite class (its source,
 * and its class name as Surefire's report name) that runs only when the checkpoint loaded.
 */
abstract class AbstractSuiteDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    private final Class<?> type;

    AbstractSuiteDescriptor(UniqueId uniqueId, String displayName, Class<?> type) {
        super(uniqueId, displayName, ClassSource.from(type));
        this.type = type;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return type.getName();
    }

    /** Fails the suite with the loader's message when the checkpoint could not be loaded (see {@link CheckpointDescriptor}). */
    static void requireCheckpoint(SeatExecutionContext context) {
        context.run().openFailure().ifPresent(e -> {
            throw e;
        });
    }
}
