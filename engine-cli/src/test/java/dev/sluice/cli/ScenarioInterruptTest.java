package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C: a real {@code sluice} process gets SIGINT during a run, prints a partial report,
 * writes the report files and exits with 130.
 */
class ScenarioInterruptTest {

  @Test
  void sigintEndsTheRunWithAPartialReportAndExitCode130(@TempDir Path dir) throws Exception {
    assumeTrue(new File("/proc/self/status").exists() && new File("/bin/kill").exists()
        || hasOnPath("kill"), "needs Linux /proc and kill");
    List<String> cmd = new ArrayList<>();
    if (sigintIgnored()) {
      // started as a background job, this JVM ignores SIGINT and so would the child: a JVM
      // that inherits an ignored SIGINT keeps ignoring it. python3 restores the default.
      assumeTrue(hasOnPath("python3"), "SIGINT is ignored here and python3 is missing");
      cmd.addAll(List.of("python3", "-c",
          "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
              + " os.execvp(sys.argv[1], sys.argv[1:])"));
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand",
        "scenario", "run", "--preset", "steady", "--duration", "60s",
        "--report-dir", dir.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    CountDownLatch progressShown = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (out) {
            out.append(line).append('\n');
          }
          // interrupt once events are flowing (a progress line with a rate above 0)
          java.util.regex.Matcher rate =
              java.util.regex.Pattern.compile(" ([0-9,]+) ev/s").matcher(line);
          if (line.startsWith("[steady]") && rate.find() && !rate.group(1).equals("0")) {
            progressShown.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    reader.start();
    try {
      assertThat(progressShown.await(60, TimeUnit.SECONDS)).as("progress shown").isTrue();
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGINT").isTrue();
    } finally {
      p.destroyForcibly();
    }
    reader.join(10_000);
    String text;
    synchronized (out) {
      text = out.toString();
    }
    assertThat(p.exitValue()).as(text).isEqualTo(130);
    assertThat(text).contains("ended     PARTIAL: interrupted after")
        .contains("FAILED").contains("the run did not finish: interrupted")
        .contains("reports written to");
    JsonNode j = new ObjectMapper().readTree(
        Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8));
    assertThat(j.get("stoppedBy").asText()).isEqualTo("interrupted");
    assertThat(j.get("completedEvents").asLong()).isPositive();
    assertThat(j.get("wallDurationMillis").asLong()).isLessThan(60_000);
    assertThat(dir.resolve("report.html")).exists();
  }

  private static boolean sigintIgnored() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (mask & (1L << 1)) != 0; // bit SIGINT - 1
      }
    }
    return false;
  }

  private static boolean hasOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (new File(d, name).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
