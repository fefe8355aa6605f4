package dev.seat.harness.cli;

import dev.seat.harness.hub.Hub;
import dev.seat.harness.hub.HubException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a data file option: {@code hf://datasets/ORG/NAME[@REV]/PATH} as that file's copy in the
 * Hugging Face cache (fetched when missing), anything else as a local path.
 */
public final class DataPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        try {
            return Hub.fromEnvironment().dataFile(value);
        } catch (HubException | IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
