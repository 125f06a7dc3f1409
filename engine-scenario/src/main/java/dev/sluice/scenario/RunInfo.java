package dev.sluice.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Where, when and how a scenario ran: what a reader of a report needs to compare it with
 * another. Immutable.
 *
 * @param startTime when the run started (wall clock)
 * @param sluiceVersion the version of Sluice that ran it
 * @param seed the seed of payloads and arrivals
 * @param jvm the Java runtime: vendor, name and version
 * @param host the host name, operating system and architecture
 * @param availableProcessors processors the JVM could use
 * @param target the {@link Target#name() target} the scenario drove
 * @param overrides what the user changed on the scenario, in order
 */
public record RunInfo(
    Instant startTime,
    String sluiceVersion,
    long seed,
    String jvm,
    String host,
    int availableProcessors,
    String target,
    List<OptionOverride> overrides) {

  /**
   * A value the user set over the scenario's own.
   *
   * @param option the option or field as the user wrote it, for example {@code --rate}
   * @param value the value set
   * @param replaced the scenario's own value it replaced
   */
  public record OptionOverride(String option, String value, String replaced) {}

  /** Copies the overrides. */
  public RunInfo {
    Objects.requireNonNull(startTime, "startTime");
    overrides = List.copyOf(overrides);
  }

  /** This machine and JVM now. */
  static RunInfo here(long seed, String target, List<OptionOverride> overrides) {
    String hostName;
    try {
      hostName = InetAddress.getLocalHost().getHostName();
    } catch (IOException | SecurityException e) {
      hostName = "unknown host";
    }
    return new RunInfo(Instant.now(), version(), seed,
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"),
        hostName + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
            + ", " + System.getProperty("os.arch") + ")",
        Runtime.getRuntime().availableProcessors(), target, overrides);
  }

  /** The version of this module, from the build; {@code unknown} if it is missing. */
  public static String version() {
    try (InputStream in = RunInfo.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
