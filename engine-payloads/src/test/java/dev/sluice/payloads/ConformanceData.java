package dev.sluice.payloads;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data the tests read: the OpenMetrics parser suite and the RFC 8428 examples,
 * kept in this module's test resources under {@code conformance/} (see the README.md there for
 * where each file came from and under which licence). Found on the test class path, so the tests
 * need nothing outside the repository.
 */
public final class ConformanceData {
  private ConformanceData() {}

  /** The {@code conformance} directory of the test resources, as copied to the class path. */
  public static Path root() {
    URL url = ConformanceData.class.getResource("/conformance/README.md");
    if (url == null) {
      throw new IllegalStateException(
          "conformance/README.md is not on the test class path: are engine-payloads'"
              + " src/test/resources copied (mvn process-test-resources)?");
    }
    try {
      Path root = Path.of(url.toURI()).getParent();
      if (!Files.isDirectory(root)) {
        throw new IllegalStateException("not a directory: " + root);
      }
      return root;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unexpected class path URL " + url, e);
    }
  }
}
