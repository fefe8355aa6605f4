package dev.seat.harness.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves one answer's unique id ({@code .../[suite:<class>]/[item:<index>]}, e.g. an IDE
 * re-running a single item): items are created while the suite runs, so this resolves the suite
 * and marks the item as selected.
 */
final class ItemSelectorResolver implements SelectorResolver {
    private final UniqueId engineId;

    ItemSelectorResolver(UniqueId engineId) {
        this.engineId = engineId;
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> s = id.getSegments();
        if (s.size() != 4 || !id.hasPrefix(engineId) || !SuiteDescriptor.SEGMENT.equals(s.get(2).getType())
                || !ItemDescriptor.SEGMENT.equals(s.get(3).getType())) {
            return unresolved();
        }
        Optional<Integer> index = parseIndex(s.get(3).getValue());
        Optional<Class<?>> suiteClass = ReflectionSupport.tryToLoadClass(s.get(2).getValue()).toOptional()
                .filter(SuiteDefinition::isSuite);
        if (index.isEmpty() || suiteClass.isEmpty()) {
            return unresolved();
        }
        return context.resolve(selectClass(suiteClass.get()))
                .filter(SuiteDescriptor.class::isInstance)
                .map(SuiteDescriptor.class::cast)
                .map(suite -> {
                    suite.selectItem(index.get());
                    return Resolution.match(Match.exact(suite));
                })
                .orElse(unresolved());
    }

    private static Optional<Integer> parseIndex(String value) {
        try {
            int i = Integer.parseInt(value);
            return i >= 0 ? Optional.of(i) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
