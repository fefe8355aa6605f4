package dev.seat.harness.cli;

import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a checkpoint option: an existing local folder as it is, else a Hub id
 * {@code org/name[@revision]} as its snapshot folder in the Hugging Face cache (downloaded when
 * missing, see {@link Hub#checkpoint}), else the path as given (the command says it is missing).
 */
public final class CheckpointPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        try {
            return Hub.fromEnvironment().checkpoint(value);
        } catch (HubException e) {
            throw new TypeConversionException("'" + value + "' is no local folder, and as a Hub id: " + e.getMessage());
        }
    }
}
