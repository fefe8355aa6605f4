package dev.seat.harness.engine;

import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The checkpoint under test, parent of every suite. Running it validates the configuration and
 * loads the model once for all suites; if that fails (folder missing, bad config.json, no
 * tokenizer, a typo in a parameter) this node fails with one message and no suite runs.
 *
 * <p>Unique id segment {@code [checkpoint:<folder name>]}. It has no test source: it stands for a
 * model folder, not for code.
 */
final class CheckpointDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "checkpoint";

    CheckpointDescriptor(UniqueId uniqueId, Path dir) {
        super(uniqueId, "checkpoint " + SeatConfiguration.display(dir));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        context.run().open();
        return context;
    }
}
