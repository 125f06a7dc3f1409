package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the HTML report in headless Chromium (Debian's {@code chromium}) and checks the
 * screenshot: the charts are drawn (their series and criterion lines show in their colours). The
 * page and the screenshot stay in {@code target/report-screenshot/} for a person to look at.
 * Skipped, saying so, where no Chromium is installed.
 */
class HtmlReportScreenshotTest {

  @Test
  void theReportRendersInHeadlessChromium() throws Exception {
    String chromium = findChromium();
    assumeTrue(chromium != null, "no chromium on the PATH: the screenshot check is skipped");
    Path dir = Path.of("target", "report-screenshot").toAbsolutePath();
    Files.createDirectories(dir);
    Path page = dir.resolve("report.html");
    Files.writeString(page, ReportWriter.html(ReportFixtures.fellBehind()),
        StandardCharsets.UTF_8);
    Path shot = dir.resolve("report.png");
    Files.deleteIfExists(shot);
    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
        "--window-size=900,1900", "--screenshot=" + shot, page.toUri().toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("chromium.log").toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(shot).exists();
    BufferedImage img = ImageIO.read(shot.toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    // the throughput series (#1565c0), the p99 series (#ef6c00) and the criterion lines
    // (#c62828) are on the page
    assertThat(pixels(img, 0x1565c0)).isGreaterThan(200);
    assertThat(pixels(img, 0xef6c00)).isGreaterThan(200);
    assertThat(pixels(img, 0xc62828)).isGreaterThan(200);
  }

  private static int pixels(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int c = img.getRGB(x, y) & 0xffffff;
        if (Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) < 24
            && Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) < 24
            && Math.abs((c & 255) - (rgb & 255)) < 24) {
          n++;
        }
      }
    }
    return n;
  }

  private static String findChromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : path.split(File.pathSeparator)) {
        File f = new File(d, name);
        if (f.canExecute()) {
          return f.getPath();
        }
      }
    }
    return null;
  }
}
