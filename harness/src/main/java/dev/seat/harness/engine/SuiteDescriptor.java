package dev.seat.harness.engine;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A suite class: its checks and its answers ({@link ItemsDescriptor}). Running it reads the
 * question set (a missing or malformed file fails this node with the file and line) and makes the
 * suite instance; when its children are done it writes the dataset's results into the run folder
 * and publishes the responses file.
 *
 * <p>Unique id segment {@code [suite:<class name>]}; source: the class.
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "suite";
    /** Every seat node carries the tag {@code seat}: {@code mvn test -DexcludedGroups=seat} leaves the gate out. */
    static final Set<TestTag> TAGS = Set.of(TestTag.create("seat"));

    private final SuiteDefinition definition;

    SuiteDescriptor(UniqueId uniqueId, SuiteDefinition definition) {
        super(uniqueId, definition.displayName(), ClassSource.from(definition.type()));
        this.definition = definition;
    }

    SuiteDefinition definition() {
        return definition;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return definition.type().getName();
    }

    @Override
    public Set<TestTag> getTags() {
        return TAGS;
    }

    @Override
    public SeatExecutionContext before(SeatExecutionContext context) {
        return context.withSuite(new SuiteRun(definition, context.run()));
    }

    @Override
    public void after(SeatExecutionContext context) {
        context.suite().writeResults().ifPresent(file ->
                context.listener().fileEntryPublished(this, FileEntry.from(file, "application/x-ndjson")));
    }
}
