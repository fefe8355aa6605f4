package dev.seat.harness.engine;

import dev.seat.harness.eval.Response;
import dev.seat.harness.text.Display;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One question and the checkpoint's answer, registered dynamically under its {@link SuiteDescriptor}.
 * Its display name is the verdict label, the question and the answer, e.g.
 * {@code [ANSWERED] What is the currency of Vartoria? → The currency of Vartoria is the dral.}
 * It always succeeds (the build is gated by checks on aggregates, never by one answer) and
 * publishes a report entry with the full texts and the item's metric values.
 *
 * <p>Unique id segment {@code [item:<index>]}; source: {@link SuiteDescriptor#itemSource}.
 */
final class ItemDescriptor extends AbstractTestDescriptor implements Node<SeatExecutionContext> {
    static final String SEGMENT = "item";
    private static final int MAX_QUESTION = 120;
    private static final int MAX_RESPONSE = 120;

    private final Response response;
    private final ItemVerdicts verdicts;

    ItemDescriptor(UniqueId uniqueId, Class<?> suiteClass, Response response, ItemVerdicts verdicts) {
        super(uniqueId, displayName(response, verdicts), SuiteDescriptor.itemSource(suiteClass));
        this.response = response;
        this.verdicts = verdicts;
    }

    static String displayName(Response r, ItemVerdicts verdicts) {
        return verdicts.label(r) + " " + Display.oneLine(r.question(), MAX_QUESTION) + " \u2192 " + Display.oneLine(r.response(), MAX_RESPONSE);
    }

    /** {@code answers[<index>]}: how Surefire's XML report names the item (it cuts names at spaces). */
    @Override
    public String getLegacyReportingName() {
        return SuiteDescriptor.ITEMS_METHOD + "[" + response.index() + "]";
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return SeatTags.GATE;
    }

    @Override
    public SeatExecutionContext execute(SeatExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        context.listener().reportingEntryPublished(this, ReportEntry.from(verdicts.reportEntry(response)));
        return context;
    }
}
