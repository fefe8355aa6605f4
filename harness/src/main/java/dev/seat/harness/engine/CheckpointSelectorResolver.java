package dev.seat.harness.engine;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.seat.harness.hub.HubCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves the checkpoint node, {@code [engine:seat]/[checkpoint:*]}, the parent every suite
 * resolver asks for. There is one checkpoint per run (the configured one), so any checkpoint
 * segment value resolves to it: a unique id saved by an IDE stays valid when another checkpoint
 * is configured.
 */
final class CheckpointSelectorResolver implements SelectorResolver {
    private final UniqueId engineId;
    private final Path checkpoint;

    CheckpointSelectorResolver(UniqueId engineId, Path checkpoint) {
        this.engineId = engineId;
        this.checkpoint = checkpoint;
    }

    /** The unique id of the checkpoint node for the configured checkpoint. */
    static UniqueId uniqueId(UniqueId engineId, Path checkpoint) {
        return engineId.append(CheckpointDescriptor.SEGMENT, HubCache.checkpointName(checkpoint));
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() != 2 || !id.hasPrefix(engineId)
                || !segments.get(1).getType().equals(CheckpointDescriptor.SEGMENT)) {
            return unresolved();
        }
        return context.addToParent(this::create)
                .map(d -> Resolution.match(Match.exact(d)))
                .orElse(unresolved());
    }

    private Optional<CheckpointDescriptor> create(TestDescriptor engine) {
        return Optional.of(new CheckpointDescriptor(uniqueId(engine.getUniqueId(), checkpoint), checkpoint));
    }
}
