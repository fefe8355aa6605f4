package dev.seat.harness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves suite classes: a class selector of an {@link IgnoranceSuite} class (classpath-root,
 * package and module selectors arrive here as class selectors) becomes a {@link SuiteDescriptor}
 * under the checkpoint node, expanded into its valid checks and (unless
 * {@link IgnoranceSuite#answers()} is off) showing every answer. A suite's
 * unique id is turned back into its class selector. Invalid {@link Check} methods are reported as
 * discovery errors, naming the method and the problem, and left out.
 */
final class SuiteSelectorResolver implements SelectorResolver {
    private final UniqueId checkpointId;
    private final DiscoveryIssueReporter issues;

    SuiteSelectorResolver(UniqueId checkpointId, DiscoveryIssueReporter issues) {
        this.checkpointId = checkpointId;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Optional<SuiteDefinition> definition = SuiteDefinition.of(selector.getJavaClass());
        if (definition.isEmpty()) {
            return unresolved();
        }
        SuiteDefinition def = definition.get();
        return context.addToParent(() -> selectUniqueId(checkpointId),
                        parent -> Optional.of(new SuiteDescriptor(
                                parent.getUniqueId().append(SuiteDescriptor.SEGMENT, def.type().getName()), def)))
                .map(suite -> Resolution.match(Match.exact(suite, () -> children(suite))))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() != 3 || !SuiteDescriptor.SEGMENT.equals(segments.get(2).getType())
                || !selector.getUniqueId().hasPrefix(checkpointId.removeLastSegment())) {
            return unresolved();
        }
        return ReflectionSupport.tryToLoadClass(segments.get(2).getValue()).toOptional()
                .filter(SuiteDefinition::isSuite)
                .map(c -> Resolution.selectors(Set.of(selectClass(c))))
                .orElse(unresolved());
    }

    private Set<DiscoverySelector> children(SuiteDescriptor suite) {
        SuiteDefinition def = suite.definition();
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        for (Method m : def.checkMethods()) {
            List<String> problems = SuiteDefinition.problems(m);
            if (problems.isEmpty()) {
                out.add(selectMethod(def.type(), m));
            } else {
                problems.forEach(p -> issues.reportIssue(
                        DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, p).source(MethodSource.from(def.type(), m))));
            }
        }
        suite.selectAllItems();
        return out;
    }
}
