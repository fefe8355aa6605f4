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
 * Resolves a suite's answers container from its unique id ({@code .../[items:<dataset>]}, all
 * items) or from one item's unique id ({@code .../[items:<dataset>]/[item:<index>]}, that item
 * only: items are created at execution time, so the container remembers which to run).
 */
final class ItemsSelectorResolver implements SelectorResolver {
    private final UniqueId engineId;

    ItemsSelectorResolver(UniqueId engineId) {
        this.engineId = engineId;
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> s = id.getSegments();
        boolean container = s.size() == 4;
        boolean item = s.size() == 5 && ItemDescriptor.SEGMENT.equals(s.get(4).getType());
        if (!(container || item) || !id.hasPrefix(engineId)
                || !SuiteDescriptor.SEGMENT.equals(s.get(2).getType())
                || !ItemsDescriptor.SEGMENT.equals(s.get(3).getType())) {
            return unresolved();
        }
        Optional<SuiteDefinition> def = ReflectionSupport.tryToLoadClass(s.get(2).getValue()).toOptional()
                .flatMap(SuiteDefinition::of);
        if (def.isEmpty()) {
            return unresolved();
        }
        Optional<Integer> index = item ? parseIndex(s.get(4).getValue()) : Optional.empty();
        if (item && index.isEmpty()) {
            return unresolved();
        }
        return context.addToParent(() -> selectClass(def.get().type()),
                        parent -> Optional.of(new ItemsDescriptor(
                                parent.getUniqueId().append(ItemsDescriptor.SEGMENT, def.get().annotation().dataset()),
                                def.get())))
                .map(items -> {
                    if (item) {
                        items.select(index.get());
                    } else {
                        items.selectAll();
                    }
                    return Resolution.match(Match.exact(items));
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
