package dev.seat.harness.engine;

import dev.seat.harness.eval.Response;
import dev.seat.harness.gate.Responses;
import java.util.HashSet;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A suite class: its checks, and one {@link ItemDescriptor} per question, registered dynamically
 * once the answers exist (generated or read from the cache).
 *
 * <p>Running it reads the question set (a missing or malformed file fails this node with the
 * file and line) and makes the suite instance; it then registers the items (they run first, and
 * generate the answers the checks then share); when its children are done it writes the
 * dataset's results into the run folder and publishes the responses file.
 *
 * <p>Items are shown when the whole suite is selected (class, package, classpath root, its unique
 * id) and {@link IgnoranceSuite#answers()} is on; a method selector runs its check alone; an
 * item's unique id runs the suite with that item only.
 *
 * <p>Unique id segment {@code [suite:<class name>]}; source: the class.
 */
final class SuiteDescriptor extends AbstractSuiteDescriptor {
    static final String SEGMENT = "suite";
    /**
     * The pseudo-method of the items' {@link MethodSource}: Surefire names a test by its method,
     * and files tests with a class source as classes of their own.
     */
    static final String ITEMS_METHOD = "answers";

    private final SuiteDefinition definition;
    private boolean allItems;
    private final Set<Integer> selectedItems = new HashSet<>();

    SuiteDescriptor(UniqueId uniqueId, SuiteDefinition definition) {
        super(uniqueId, definition.displayName(), definition.type());
        this.definition = definition;
    }

    SuiteDefinition definition() {
        return definition;
    }

    /** Shows every answer (when the suite allows answers). */
    void selectAllItems() {
        allItems = definition.annotation().answers();
    }

    /** Shows this answer, and others only if selected too. */
    void selectItem(int index) {
        if (definition.annotation().answers()) {
            selectedItems.add(index);
        }
    }

    /** The source of item nodes: the suite class and {@value #ITEMS_METHOD}. */
    static MethodSource itemSource(Class<?> suiteClass) {
        return MethodSource.from(suiteClass.getName(), ITEMS_METHOD);
    }

    @Override
    public boolean mayRegisterTests() {
        return definition.annotation().answers();
    }

    @Override
    public Set<TestTag> getTags() {
        return SeatTags.GATE;
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        requireCheckpoint(context);
        return context.withSuite(new SuiteRun(definition, context.run()));
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor executor) throws Exception {
        SuiteRun suite = context.suite();
        if ((!allItems && selectedItems.isEmpty()) || !suite.questions().available()) {
            return context; // checks that need answers say why they are skipped
        }
        Responses responses = suite.responses();
        ItemVerdicts verdicts = ItemVerdicts.of(definition.annotation().expect(), responses);
        for (Response r : responses) {
            if (allItems || selectedItems.contains(r.index())) {
                UniqueId id = getUniqueId().append(ItemDescriptor.SEGMENT, Integer.toString(r.index()));
                ItemDescriptor item = new ItemDescriptor(id, definition.type(), r, verdicts);
                addChild(item); // a dynamic node knows its parent, as reporters (Surefire) expect
                executor.execute(item);
            }
        }
        executor.awaitFinished();
        return context;
    }

    @Override
    public void after(SeatExecutionContext context) {
        context.suite().writeResults().ifPresent(file ->
                context.listener().fileEntryPublished(this, FileEntry.from(file, "application/x-ndjson")));
    }
}
