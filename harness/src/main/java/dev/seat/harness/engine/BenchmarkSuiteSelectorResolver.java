package dev.seat.harness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.seat.harness.gate.Check;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves {@link BenchmarkSuite} classes into
 * {@code [checkpoint]/[suite:<class>]/[task:<entry>]/[check:<method>]}:
 * <ul>
 *   <li>a class selector (classpath-root, package and module selectors arrive as class
 *       selectors): the suite with every entry and every valid check;</li>
 *   <li>a method selector of a valid check: that check under every entry;</li>
 *   <li>unique ids of a suite, an entry or a check: what they name. Ids saved under another
 *       checkpoint are re-resolved under the configured one.</li>
 * </ul>
 * Invalid {@link Check} methods are reported as discovery errors when the suite is resolved, and
 * left out.
 */
final class BenchmarkSuiteSelectorResolver implements SelectorResolver {
    private final UniqueId checkpointId;
    private final DiscoveryIssueReporter issues;

    BenchmarkSuiteSelectorResolver(UniqueId checkpointId, DiscoveryIssueReporter issues) {
        this.checkpointId = checkpointId;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Optional<BenchmarkSuiteDefinition> definition = BenchmarkSuiteDefinition.of(selector.getJavaClass());
        if (definition.isEmpty()) {
            return unresolved();
        }
        BenchmarkSuiteDefinition def = definition.get();
        return context.addToParent(() -> selectUniqueId(checkpointId),
                        parent -> Optional.of(new BenchmarkSuiteDescriptor(suiteId(def.type()), def)))
                .map(suite -> Resolution.match(Match.exact(suite, () -> entries(def))))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Optional<BenchmarkSuiteDefinition> definition = BenchmarkSuiteDefinition.of(selector.getJavaClass());
        Method method = selector.getJavaMethod();
        if (definition.isEmpty() || !AnnotationSupport.isAnnotated(method, Check.class)
                || !BenchmarkSuiteDefinition.problems(method).isEmpty()) {
            return unresolved(); // invalid checks are reported when their suite is resolved
        }
        Set<DiscoverySelector> checks = new LinkedHashSet<>();
        definition.get().benchmarks().forEach(b -> checks.add(selectUniqueId(checkId(definition.get().type(), b, method))));
        return Resolution.selectors(checks);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> s = id.getSegments();
        if (s.size() < 3 || s.size() > 5 || !id.hasPrefix(checkpointId.removeLastSegment())
                || !SuiteDescriptor.SEGMENT.equals(s.get(2).getType())
                || (s.size() >= 4 && !BenchmarkTaskDescriptor.SEGMENT.equals(s.get(3).getType()))
                || (s.size() == 5 && !CheckDescriptor.SEGMENT.equals(s.get(4).getType()))) {
            return unresolved();
        }
        Optional<BenchmarkSuiteDefinition> definition = ReflectionSupport.tryToLoadClass(s.get(2).getValue()).toOptional()
                .flatMap(BenchmarkSuiteDefinition::of);
        if (definition.isEmpty()) {
            return unresolved();
        }
        BenchmarkSuiteDefinition def = definition.get();
        if (s.size() == 3) {
            return Resolution.selectors(Set.of(selectClass(def.type())));
        }
        String entry = s.get(3).getValue();
        if (!def.benchmarks().contains(entry)) {
            return unresolved();
        }
        if (s.size() == 4) {
            return resolveEntry(id, def, entry, context);
        }
        return def.checkMethod(s.get(4).getValue())
                .filter(m -> BenchmarkSuiteDefinition.problems(m).isEmpty())
                .map(m -> resolveCheck(id, def, entry, m, context))
                .orElse(unresolved());
    }

    private Resolution resolveEntry(UniqueId id, BenchmarkSuiteDefinition def, String entry, Context context) {
        UniqueId canonical = entryId(def.type(), entry);
        if (!id.equals(canonical)) {
            return Resolution.selectors(Set.of(selectUniqueId(canonical)));
        }
        return context.addToParent(() -> selectClass(def.type()),
                        parent -> Optional.of(new BenchmarkTaskDescriptor(canonical, entry)))
                .map(task -> Resolution.match(Match.exact(task, () -> checks(def, entry))))
                .orElse(unresolved());
    }

    private Resolution resolveCheck(UniqueId id, BenchmarkSuiteDefinition def, String entry, Method m, Context context) {
        UniqueId canonical = checkId(def.type(), entry, m);
        if (!id.equals(canonical)) {
            return Resolution.selectors(Set.of(selectUniqueId(canonical)));
        }
        return context.addToParent(() -> selectUniqueId(entryId(def.type(), entry)),
                        parent -> Optional.of(new BenchmarkCheckDescriptor(canonical, def.type(), m, entry)))
                .map(check -> Resolution.match(Match.exact(check)))
                .orElse(unresolved());
    }

    /** Every entry of the suite; reports its invalid checks. */
    private Set<DiscoverySelector> entries(BenchmarkSuiteDefinition def) {
        for (Method m : def.checkMethods()) {
            BenchmarkSuiteDefinition.problems(m).forEach(p -> issues.reportIssue(
                    DiscoveryIssue.builder(DiscoveryIssue.Severity.ERROR, p).source(MethodSource.from(def.type(), m))));
        }
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        def.benchmarks().forEach(b -> out.add(selectUniqueId(entryId(def.type(), b))));
        return out;
    }

    /** Every valid check of an entry. */
    private Set<DiscoverySelector> checks(BenchmarkSuiteDefinition def, String entry) {
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        def.checkMethods().stream().filter(m -> BenchmarkSuiteDefinition.problems(m).isEmpty())
                .forEach(m -> out.add(selectUniqueId(checkId(def.type(), entry, m))));
        return out;
    }

    private UniqueId suiteId(Class<?> type) {
        return checkpointId.append(SuiteDescriptor.SEGMENT, type.getName());
    }

    private UniqueId entryId(Class<?> type, String entry) {
        return suiteId(type).append(BenchmarkTaskDescriptor.SEGMENT, entry);
    }

    private UniqueId checkId(Class<?> type, String entry, Method m) {
        return entryId(type, entry).append(CheckDescriptor.SEGMENT, m.getName());
    }
}
