package dev.sluice.payloads;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data in {@code shared/testdata}, found by walking up from the working
 * directory to the first directory that contains it (the repository sits beside {@code shared}
 * locally and in CI). The data is read in place, never copied.
 */
public final class SharedTestData {
  private SharedTestData() {}

  /** The {@code shared/testdata} directory. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no directory containing shared/testdata above " + dir + "; clone the repo beside shared/");
  }
}
