package dev.sluice.cli;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.scenario.Presets;
import dev.sluice.scenario.ReportWriter;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.ScenarioJson;
import dev.sluice.scenario.ScenarioReport;
import dev.sluice.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice scenario list|run}. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "List and run load scenarios.",
    subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.RunCommand.class})
final class ScenarioCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code sluice scenario list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the presets.")
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (Scenario s : Presets.all().values()) {
        out.printf(Locale.ROOT, "%-9s %,10.0f ev/s %6ds  %s%n", s.name(), s.targetEps(),
            s.totalDuration().toSeconds(), s.description());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code sluice scenario run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run a scenario against the built-in system under test and report.",
        "Exit code 0 if the scenario's success criteria are met, 1 if not, 2 on invalid input."
      })
  static final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
      @Option(names = "--preset", description = "A preset: ${COMPLETION-CANDIDATES}",
          completionCandidates = PresetNames.class)
      String preset;

      @Option(names = "--file", description = "A scenario JSON file.")
      Path file;
    }

    @Option(names = "--duration", description = "Override the duration, e.g. 10s, 2m, PT30S.")
    String duration;

    @Option(names = "--rate", description = "Override the target events per second.")
    Double rate;

    @Option(names = "--report-dir", description = "Write report.txt, report.json and report.html here.")
    Path reportDir;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of payloads and arrivals (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No live progress.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Scenario scenario;
      try {
        scenario = load();
        if (duration != null) {
          scenario = scenario.withDuration(parseDuration(duration));
        }
        if (rate != null) {
          if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive, was " + rate);
          }
          scenario = scenario.withTargetEps(rate);
        }
      } catch (ScenarioException | IllegalArgumentException e) {
        err.println("sluice: " + e.getMessage());
        err.flush();
        return 2;
      }
      boolean terminal = System.console() != null;
      ScenarioReport report;
      try (Engine engine = Engine.create(EngineConfig.defaults())) {
        report =
            new ScenarioRunner(engine)
                .run(scenario, new ScenarioRunner.Options(quiet ? null : System.out, terminal,
                    Duration.ofSeconds(1), seed));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(ReportWriter.text(report));
      out.flush();
      if (reportDir != null) {
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("report.txt"), ReportWriter.text(report), StandardCharsets.UTF_8);
        Files.writeString(reportDir.resolve("report.json"), ReportWriter.json(report), StandardCharsets.UTF_8);
        Files.writeString(reportDir.resolve("report.html"), ReportWriter.html(report), StandardCharsets.UTF_8);
        out.println("reports written to " + reportDir.toAbsolutePath());
        out.flush();
      }
      return report.passed() ? 0 : 1;
    }

    private Scenario load() {
      if (which.preset != null) {
        return Presets.find(which.preset)
            .orElseThrow(() -> new IllegalArgumentException(
                "no preset named '" + which.preset + "'; presets: " + Presets.all().keySet()));
      }
      try {
        return ScenarioJson.parse(Files.readString(which.file, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no such file: " + which.file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + which.file + ": " + e.getMessage());
      } catch (ScenarioException e) {
        throw new ScenarioException(e.problems().stream().map(p -> which.file + ": " + p).toList());
      }
    }

    static Duration parseDuration(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      try {
        if (t.startsWith("pt")) {
          return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
          return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
          return Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
        }
        if (t.endsWith("h")) {
          return Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
        }
      } catch (RuntimeException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "--duration: cannot read '" + s + "'; use e.g. 500ms, 10s, 2m, 1h or PT30S");
    }
  }

  /** Preset names for the help text. */
  static final class PresetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Presets.all().keySet().iterator();
    }
  }
}
