package dev.seat.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium renders a gate report to PNG: the page loads without console errors and the
 * image is not blank. Skipped, saying so, where no browser is installed ({@code .ci/run} installs
 * Debian's chromium).
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void chromiumRendersTheReportWithoutConsoleErrors() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "no browser at " + chromium + ": apt-get install chromium to run this test");
        Path report = GateReport.write(GateReportTest.runFolder(dir.resolve("run")));
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--window-size=1200,2400", "--screenshot=" + png, report.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("console messages").doesNotContain("CONSOLE").doesNotContain("Uncaught");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                nonWhite += rgb != 0xFFFFFF ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("distinct colours: text and charts were drawn").isGreaterThan(50);
        assertThat(nonWhite).as("pixels that are not background").isGreaterThan(10_000);
    }
}
