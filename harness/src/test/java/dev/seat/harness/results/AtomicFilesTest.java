package dev.seat.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void aSecondWriterOfTheSameFileWhileTheFirstWritesLeavesBothCompleteAndTheLastInPlace(@TempDir Path dir)
            throws Exception {
        Path target = dir.resolve("table2.md");

        AtomicFiles.write(target, out -> {
            out.write("first, ".getBytes(StandardCharsets.UTF_8));
            AtomicFiles.writeString(target, "second\n"); // e.g. another task attempt, mid-way through this write
            out.write("complete\n".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(Files.readString(target)).isEqualTo("first, complete\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temporary file left behind
        }
    }
}
