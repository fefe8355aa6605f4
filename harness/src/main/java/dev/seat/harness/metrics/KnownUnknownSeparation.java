package dev.seat.harness.metrics;

import java.util.Optional;

/**
 * How far apart a model keeps questions it cannot know from questions it knows, in its residual
 * stream at the last prompt token of one layer: the {@link Silhouette} of the checkpoint's
 * activations and, when a baseline is configured, of the base model's on the same prompts. An
 * aligned model keeps the two groups apart (the SEAT paper's Figure 1); fine-tuning that collapses
 * them loses the distinction its refusals rest on.
 *
 * @param layer the residual-stream position (0 = embedding output, l + 1 = after decoder layer l)
 */
public record KnownUnknownSeparation(int layer, MetricValue checkpoint, Optional<MetricValue> baseline) {}
