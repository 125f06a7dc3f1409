package dev.sluice.cli;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.scenario.Presets;
import dev.sluice.scenario.ReportWriter;
import dev.sluice.scenario.RunInfo;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.ScenarioJson;
import dev.sluice.scenario.ScenarioReport;
import dev.sluice.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        out.printf(Locale.ROOT, "%-9s criteria: %s%n", "", ReportWriter.criteria(s.criteria()));
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
        "The duration includes the warm-up phases; they are not measured. The achieved rate is"
            + " events completed at the end of the pipeline per second of wall-clock time of the"
            + " measured phases. A run that falls behind ends late and says so; the wall-clock cap"
            + " stops it with a partial report. Ctrl-C stops the run with a partial report.",
        "Exit codes: 0 the success criteria are met; 1 they are not, or the run was stopped by"
            + " the wall-clock cap; 2 invalid input; 130 interrupted (Ctrl-C)."
      })
  static final class RunCommand implements Callable<Integer> {
    /** The exit code of a run interrupted by Ctrl-C (128 + SIGINT, as shells report it). */
    static final int INTERRUPTED = 130;

    /** The largest payload size, in bytes (16 MiB). */
    static final int MAX_SIZE_BYTES = 16 << 20;

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

    @Option(names = "--duration", paramLabel = "DURATION",
        description = "Override the total duration, warm-up included, e.g. 500ms, 10s, 2m, 1h,"
            + " PT30S; more than 0 and at most 7 days. On a preset, the phases, the description"
            + " and the criteria follow.")
    String duration;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND",
        description = "Override the target events per second, more than 0 and at most"
            + " 10,000,000. The phases and the rate criterion scale with it; on a preset the"
            + " description too.")
    Double rate;

    @Option(names = "--size", paramLabel = "BYTES",
        description = "Override the payload size in bytes, 1 to 16777216.")
    Integer size;

    @Option(names = "--wall-clock-cap", paramLabel = "DURATION",
        description = "Stop a run that falls behind after this long, with a partial report"
            + " (default: twice the duration, and at least the duration + 10s).")
    String wallClockCap;

    @Option(names = "--report-dir", paramLabel = "DIR",
        description = "Write report.txt, report.json and report.html here (created if missing;"
            + " checked before the run).")
    Path reportDir;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of payloads and arrivals (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No live progress.")
    boolean quiet;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Scenario scenario;
      List<RunInfo.OptionOverride> overrides = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      Duration cap = null;
      try {
        scenario = configure(overrides, notes);
        if (wallClockCap != null) {
          cap = positive("--wall-clock-cap", wallClockCap);
        }
        checkReportDir();
      } catch (ScenarioException | IllegalArgumentException e) {
        err.println("sluice: " + e.getMessage());
        err.flush();
        return 2;
      }
      boolean terminal = System.console() != null;
      ScenarioRunner.Options options =
          new ScenarioRunner.Options(quiet ? null : System.out, terminal, Duration.ofSeconds(1),
                  seed)
              .withWallClockCap(cap)
              .withOverrides(overrides, notes);
      // Ctrl-C: the JVM runs shutdown hooks; this one stops the run and waits until the partial
      // report is printed and written, then lets the JVM exit (with status 130)
      Thread caller = Thread.currentThread();
      CountDownLatch reported = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        caller.interrupt();
        try {
          reported.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "sluice-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        ScenarioReport report;
        try (Engine engine = Engine.create(EngineConfig.defaults())) {
          report = new ScenarioRunner(engine).run(scenario, options);
          // the run consumed the interrupt; clear it so that closing and writing files work
          Thread.interrupted();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportWriter.text(report));
        out.flush();
        if (reportDir != null) {
          try {
            Files.writeString(reportDir.resolve("report.txt"), ReportWriter.text(report),
                StandardCharsets.UTF_8);
            Files.writeString(reportDir.resolve("report.json"), ReportWriter.json(report),
                StandardCharsets.UTF_8);
            Files.writeString(reportDir.resolve("report.html"), ReportWriter.html(report),
                StandardCharsets.UTF_8);
          } catch (IOException e) {
            err.println("sluice: --report-dir " + reportDir + ": cannot write the reports: "
                + reason(e));
            err.flush();
            return 1;
          }
          out.println("reports written to " + reportDir.toAbsolutePath());
          out.flush();
        }
        if (report.stoppedBy() == ScenarioReport.StopReason.INTERRUPTED) {
          return INTERRUPTED;
        }
        return report.passed() ? 0 : 1;
      } catch (RuntimeException e) {
        err.println("sluice: the run failed: " + reason(e));
        err.flush();
        return 1;
      } finally {
        reported.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting (Ctrl-C); the hook has done its part
        }
      }
    }

    /** The scenario with the command line's overrides applied, recording what they changed. */
    private Scenario configure(List<RunInfo.OptionOverride> overrides, List<String> notes) {
      Duration d = duration == null ? null : positive("--duration", duration);
      if (d != null && d.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            "--duration must be at most 7 days, was " + duration);
      }
      if (rate != null && !(rate > 0 && rate <= Scenario.MAX_EPS)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "--rate must be more than 0 and at most %,.0f events per second, was %s",
            Scenario.MAX_EPS, plain(rate)));
      }
      if (size != null && (size < 1 || size > MAX_SIZE_BYTES)) {
        throw new IllegalArgumentException(
            "--size must be between 1 and " + MAX_SIZE_BYTES + " bytes, was " + size);
      }
      Scenario s;
      if (which.preset != null) {
        Scenario own = Presets.find(which.preset)
            .orElseThrow(() -> new IllegalArgumentException(
                "--preset: no preset named '" + which.preset + "'; presets: "
                    + Presets.all().keySet()));
        s = Presets.find(which.preset, rate, d).orElseThrow();
        if (rate != null) {
          overrides.add(new RunInfo.OptionOverride("--rate", plain(rate),
              plain(own.targetEps())));
        }
        if (d != null) {
          overrides.add(new RunInfo.OptionOverride("--duration", duration,
              own.totalDuration().toMillis() + " ms"));
        }
        if (rate != null || d != null) {
          notes.add("the preset's phases, description and rate criterion follow the overrides;"
              + " latency, success-rate and heap criteria are absolute");
        }
      } else {
        s = load();
        if (d != null) {
          overrides.add(new RunInfo.OptionOverride("--duration", duration,
              s.totalDuration().toMillis() + " ms"));
          s = s.withDuration(d);
        }
        if (rate != null) {
          overrides.add(new RunInfo.OptionOverride("--rate", plain(rate), plain(s.targetEps())));
          double before = s.criteria().minSustainedEps();
          s = s.withTargetEps(rate);
          if (before > 0) {
            notes.add(String.format(Locale.ROOT,
                "--rate scaled the rate criterion minSustainedEps from %,.0f to %,.0f ev/s",
                before, s.criteria().minSustainedEps()));
          }
        }
        if (rate != null || d != null) {
          notes.add("the description is the scenario file's own and refers to its own rate and"
              + " duration");
        }
      }
      if (size != null) {
        overrides.add(new RunInfo.OptionOverride("--size", size.toString(),
            s.payloadSizeBytes() + ""));
        s = s.withPayloadSizeBytes(size);
      }
      return s;
    }

    private static final Duration MAX_DURATION = Duration.ofDays(7);

    private void checkReportDir() {
      if (reportDir == null) {
        return;
      }
      if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
        throw new IllegalArgumentException(
            "--report-dir " + reportDir + ": is a file, not a directory");
      }
      try {
        Files.createDirectories(reportDir);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--report-dir " + reportDir + ": cannot create it: " + reason(e));
      }
      if (!Files.isWritable(reportDir)) {
        throw new IllegalArgumentException("--report-dir " + reportDir + ": is not writable");
      }
    }

    private Scenario load() {
      String text;
      try {
        text = Files.readString(which.file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--file " + which.file + ": no such file");
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("--file " + which.file + ": not UTF-8 text");
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--file " + which.file + ": cannot read it: " + reason(e));
      }
      try {
        return ScenarioJson.parse(text);
      } catch (ScenarioException e) {
        throw new ScenarioException(e.problems().stream().map(p -> which.file + ": " + p).toList());
      }
    }

    /** A readable reason, without exception class names. */
    static String reason(Throwable e) {
      if (e instanceof AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof FileAlreadyExistsException) {
        return "a file of that name is in the way";
      }
      if (e instanceof NoSuchFileException) {
        return "no such file or directory";
      }
      String m = e.getMessage();
      return m == null || m.isBlank() ? "unknown error" : m;
    }

    private static String plain(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Duration positive(String option, String text) {
      Duration d = parseDuration(option, text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " must be more than 0, was " + text);
      }
      return d;
    }

    static Duration parseDuration(String option, String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      try {
        if (t.startsWith("pt") || t.startsWith("-pt")) {
          return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        double unit = t.endsWith("s") ? 1 : t.endsWith("m") ? 60 : t.endsWith("h") ? 3600 : -1;
        if (unit > 0) {
          double seconds = Double.parseDouble(t.substring(0, t.length() - 1)) * unit;
          if (Double.isFinite(seconds) && Math.abs(seconds) < 1e12) {
            return Duration.ofNanos(Math.round(seconds * 1e9));
          }
          throw new IllegalArgumentException(option + " is too long: " + s);
        }
      } catch (java.time.format.DateTimeParseException | NumberFormatException
          | ArithmeticException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          option + ": cannot read '" + s + "'; use e.g. 500ms, 10s, 2m, 1h or PT30S");
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
