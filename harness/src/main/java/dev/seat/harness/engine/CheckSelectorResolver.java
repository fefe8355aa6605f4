package dev.seat.harness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.seat.harness.gate.Check;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves single checks: a method selector of a valid {@link Check} method of a suite becomes a
 * {@link CheckDescriptor} under its suite (which then holds only the selected checks, and no
 * answers container); a check's unique id is turned back into its method selector.
 */
final class CheckSelectorResolver implements SelectorResolver {
    private final UniqueId engineId;

    CheckSelectorResolver(UniqueId engineId) {
        this.engineId = engineId;
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> suiteClass = selector.getJavaClass();
        Method method = selector.getJavaMethod();
        if (!SuiteDefinition.isSuite(suiteClass) || !AnnotationSupport.isAnnotated(method, Check.class)
                || !SuiteDefinition.problems(method).isEmpty()) {
            return unresolved(); // invalid checks are reported when their suite is resolved
        }
        return context.addToParent(() -> selectClass(suiteClass),
                        parent -> Optional.of(new CheckDescriptor(
                                parent.getUniqueId().append(CheckDescriptor.SEGMENT, method.getName()), suiteClass, method)))
                .map(check -> Resolution.match(Match.exact(check)))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() != 4 || !id.hasPrefix(engineId)
                || !SuiteDescriptor.SEGMENT.equals(segments.get(2).getType())
                || !CheckDescriptor.SEGMENT.equals(segments.get(3).getType())) {
            return unresolved();
        }
        String methodName = segments.get(3).getValue();
        return ReflectionSupport.tryToLoadClass(segments.get(2).getValue()).toOptional()
                .flatMap(SuiteDefinition::of)
                .flatMap(def -> def.checkMethod(methodName).map(m -> selectMethod(def.type(), m)))
                .map(s -> Resolution.selectors(Set.of(s)))
                .orElse(unresolved());
    }
}
