package dev.seat.harness.tasks;

import dev.seat.harness.model.LanguageModel;
import java.nio.file.Path;

/**
 * Opens a checkpoint folder as a {@link LanguageModel}; found through
 * {@link java.util.ServiceLoader} (register an implementation in
 * {@code META-INF/services/dev.seat.harness.tasks.LanguageModelProvider}). {@code bench-tasks}
 * uses the first provider found unless a factory is given to it directly.
 */
public interface LanguageModelProvider {
    /** Loads the checkpoint at {@code checkpoint}; a model that is {@link AutoCloseable} is closed after the run. */
    LanguageModel open(Path checkpoint);
}
