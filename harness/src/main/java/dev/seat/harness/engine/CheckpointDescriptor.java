package dev.seat.harness.engine;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The checkpoint under test, parent of every suite. Running it validates the configuration and
 * opens the model once for all suites (checking its files; the weights are read when first
 * needed), after an {@link AnswerProvider} whose parameter is set has produced the suites' answers
 * (e.g. on a Spark cluster). If that fails (folder missing, bad config.json or weight headers, no
 * tokenizer, a typo in a parameter), every suite under it fails with that one message, without
 * running a check, and so does this node.
 *
 * <p>Why the suites fail too: this node stands for a model folder, not for code, so it has no
 * class or method source, and Maven Surefire reports failures only of nodes that have one (a
 * failed container without a class source is dropped and the build would pass). Each suite is a
 * class, so the message reaches the Surefire report of every suite class, while IDEs show it on
 * this node as well.
 *
 * <p>Unique id segment {@code [checkpoint:<folder name>]}.
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
        try {
            AnswerProviders.answerAhead(context.config(), suiteClasses());
            context.run().open();
        } catch (SeatConfigurationException e) {
            context.run().failedToOpen(e); // reported by each suite, then by after()
        }
        return context;
    }

    /** The ignorance suites under this node, whose answers a provider may produce ahead. */
    private List<Class<?>> suiteClasses() {
        return getChildren().stream().filter(SuiteDescriptor.class::isInstance)
                .<Class<?>>map(d -> ((SuiteDescriptor) d).definition().type()).toList();
    }

    @Override
    public void after(SeatExecutionContext context) {
        context.run().openFailure().ifPresent(e -> {
            throw e;
        });
    }
}
