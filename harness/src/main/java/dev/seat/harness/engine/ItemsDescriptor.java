package dev.seat.harness.engine;

import java.util.HashSet;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The answers of a suite, one dynamic {@link ItemDescriptor} per question, registered once the
 * answers exist (generated or read from the cache). Skipped, with the reason, when the suite has
 * no questions configured.
 *
 * <p>Unique id segment {@code [items:<dataset>]}; source: the suite class. Selecting one item's
 * unique id (an IDE re-running a single item) runs this container with only that item.
 */
final class ItemsDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "items";

    private final SuiteDefinition definition;
    private boolean all;
    private final Set<Integer> selected = new HashSet<>();

    ItemsDescriptor(UniqueId uniqueId, SuiteDefinition definition) {
        super(uniqueId, "answers", ClassSource.from(definition.type()));
        this.definition = definition;
    }

    /** Runs every item (the default when the suite or this container is selected). */
    void selectAll() {
        all = true;
    }

    /** Runs this item, and others only if selected too. */
    void select(int index) {
        selected.add(index);
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public SkipResult shouldBeSkipped(SeatExecutionContext context) {
        SuiteDataset dataset = context.suite().dataset();
        return dataset.available() ? SkipResult.doNotSkip() : SkipResult.skip(dataset.unavailableReason());
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor executor) throws Exception {
        Responses responses = context.suite().responses();
        ItemVerdicts verdicts = ItemVerdicts.of(definition.annotation().expect(), responses);
        for (Response r : responses) {
            if (all || selected.contains(r.index())) {
                UniqueId id = getUniqueId().append(ItemDescriptor.SEGMENT, Integer.toString(r.index()));
                executor.execute(new ItemDescriptor(id, definition.type(), r, verdicts));
            }
        }
        executor.awaitFinished();
        return context;
    }
}
