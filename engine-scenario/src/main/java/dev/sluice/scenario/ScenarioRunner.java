package dev.sluice.scenario;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.emission.EmissionSettings;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.LatencySnapshot;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.scenario.internal.ErrorCounter;
import dev.sluice.scenario.internal.Measurement;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs a {@link Scenario}: emits its payloads on its open-loop schedule into a {@link Target}
 * (the built-in {@link SystemUnderTest} by default), measures end-to-end latency from each
 * event's intended emission time, shows live progress, and returns a {@link ScenarioReport}
 * judged against the scenario's success criteria.
 *
 * <p>The achieved rate is measured at the sink over wall-clock time, never taken from the plan:
 * a target that cannot keep up makes the run end late, and the report says by how much, with
 * the backlog at the planned end. A run that falls too far behind is stopped by the wall-clock
 * cap ({@link Options#wallClockCap()}, by default twice the planned duration and at least
 * 10 s more than it) and reported as
 * partial. Warm-up phases are part of the scenario's duration and are not measured.
 *
 * <p><b>Threading:</b> {@link #run} blocks the calling thread until the run ends. Interrupting
 * that thread (the command line does so on Ctrl-C) stops the run: {@code run} then returns a
 * partial report ({@link ScenarioReport.StopReason#INTERRUPTED}) and sets the thread's interrupt
 * status again. A runner may run several scenarios one after the other.
 */
public final class ScenarioRunner {

  /**
   * How to run.
   *
   * @param progress where live progress goes, or null for none
   * @param redraw redraw one line in place (a terminal) rather than print a line per update
   * @param progressEvery how often progress is shown and the timeline sampled
   * @param seed seeds the payload generator and arrivals
   * @param wallClockCap the longest a run may take before it is stopped with a partial report;
   *     null for {@link #defaultCap}: twice the planned duration, at least 10 s more than it
   * @param overrides what the user changed on the scenario, for the report
   * @param notes remarks for the report (for example criteria that still refer to a scenario
   *     file's own rate)
   */
  public record Options(
      PrintStream progress,
      boolean redraw,
      Duration progressEvery,
      long seed,
      Duration wallClockCap,
      List<RunInfo.OptionOverride> overrides,
      List<String> notes) {

    /** Checks and copies. */
    public Options {
      Objects.requireNonNull(progressEvery, "progressEvery");
      if (progressEvery.isNegative() || progressEvery.isZero()) {
        throw new IllegalArgumentException("progressEvery must be positive, was " + progressEvery);
      }
      if (wallClockCap != null && (wallClockCap.isNegative() || wallClockCap.isZero())) {
        throw new IllegalArgumentException("wallClockCap must be positive, was " + wallClockCap);
      }
      overrides = List.copyOf(overrides);
      notes = List.copyOf(notes);
    }

    /** Progress to {@code progress}, the default cap, no overrides. */
    public Options(PrintStream progress, boolean redraw, Duration progressEvery, long seed) {
      this(progress, redraw, progressEvery, seed, null, List.of(), List.of());
    }

    /** Quiet, one-second timeline, seed 42, the default cap. */
    public static Options quiet() {
      return new Options(null, false, Duration.ofSeconds(1), 42);
    }

    /** These options with another wall-clock cap (null: {@link #defaultCap}). */
    public Options withWallClockCap(Duration cap) {
      return new Options(progress, redraw, progressEvery, seed, cap, overrides, notes);
    }

    /** These options with another seed. */
    public Options withSeed(long s) {
      return new Options(progress, redraw, progressEvery, s, wallClockCap, overrides, notes);
    }

    /** These options with the overrides and notes to report. */
    public Options withOverrides(List<RunInfo.OptionOverride> o, List<String> n) {
      return new Options(progress, redraw, progressEvery, seed, wallClockCap, o, n);
    }

    /** The cap for {@code scenario}: the one set, or {@link #defaultCap}. */
    Duration capFor(Scenario scenario) {
      return wallClockCap != null ? wallClockCap : defaultCap(scenario);
    }

    /**
     * The default wall-clock cap: twice the planned duration, and at least 10 s more than it (so
     * that a short run on a busy machine is not cut by the time the engine takes to start).
     */
    public static Duration defaultCap(Scenario scenario) {
      Duration d = scenario.totalDuration();
      Duration twice = d.multipliedBy(2);
      Duration floor = d.plusSeconds(10);
      return twice.compareTo(floor) >= 0 ? twice : floor;
    }
  }

  private final Engine engine;

  /** A runner submitting to {@code engine}. */
  public ScenarioRunner(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Runs {@code scenario} against the built-in system under test. */
  public ScenarioReport run(Scenario scenario, Options options) {
    return run(scenario, options, SystemUnderTest.INSTANCE);
  }

  /**
   * Runs {@code scenario} against a user pipeline.
   *
   * @param pipeline builds the system under test from the emitted events; its result stage's
   *     events must carry the intended emission time of the event they came from
   * @param intendedNanosOf reads that time from a result event
   */
  public <R> ScenarioReport run(
      Scenario scenario,
      Options options,
      Function<Stage<ScheduledEvent<byte[]>>, Stage<R>> pipeline,
      ToLongFunction<? super R> intendedNanosOf) {
    return run(scenario, options, Target.of("user pipeline", (in, s) -> pipeline.apply(in),
        intendedNanosOf));
  }

  /**
   * Runs {@code scenario} against {@code target}.
   *
   * @throws IllegalArgumentException if no payload generator has the scenario's payload type
   */
  public <R> ScenarioReport run(Scenario scenario, Options options, Target<R> target) {
    PayloadGenerator generator =
        PayloadGenerators.require(scenario.payloadType())
            .create(GeneratorSpec.of(options.seed(), scenario.payloadSizeBytes()));
    EmissionSettings settings =
        EmissionSettings.of(profile(scenario))
            .withBurstSize(scenario.burstSize())
            .withDuration(scenario.totalDuration())
            .withSeed(options.seed());
    EmissionSource<byte[]> source =
        new EmissionSource<>("emitter", settings, n -> generator.next());

    Measurement m = new Measurement(scenario);
    ErrorCounter errors = new ErrorCounter(target);
    Pipeline p = Pipeline.create();
    Stage<R> out = target.attach(p.source(source), scenario);
    out.sink(m.sink(target, source));
    p.deadLetters().sink(errors);

    RunInfo info = RunInfo.here(options.seed(), target.name(), options.overrides());
    long plannedNanos = scenario.totalDuration().toNanos();
    long capNanos = options.capFor(scenario).toNanos();
    long startNanos = System.nanoTime();
    Job job = engine.submit(p, "scenario-" + scenario.name());
    List<ScenarioReport.TimelinePoint> timeline = new ArrayList<>();
    long peakHeap = 0;
    long periodNanos = Math.max(10_000_000L, options.progressEvery().toNanos());
    long nextSample = startNanos + periodNanos;
    long lastCompleted = 0;
    long lastTime = startNanos;
    long backlogAtPlannedEnd = -1;
    ScenarioReport.StopReason stoppedBy = ScenarioReport.StopReason.COMPLETED;
    boolean interrupted = false;
    try {
      while (true) {
        long now = System.nanoTime();
        // the schedule's clock starts when the source first runs, after the job has started
        long origin = origin(source, startNanos);
        long wakeAt = nextSample;
        if (backlogAtPlannedEnd < 0) {
          wakeAt = Math.min(wakeAt, origin + plannedNanos);
        }
        wakeAt = Math.min(wakeAt, startNanos + capNanos);
        try {
          job.join(Duration.ofNanos(Math.max(1_000_000L, wakeAt - now)));
          break;
        } catch (TimeoutException notYet) {
          // a progress tick, the planned end or the cap
        } catch (InterruptedException e) {
          interrupted = true;
          stoppedBy = ScenarioReport.StopReason.INTERRUPTED;
          break;
        }
        now = System.nanoTime();
        origin = origin(source, startNanos);
        if (backlogAtPlannedEnd < 0 && source.startNanos() != Long.MIN_VALUE
            && now - origin >= plannedNanos) {
          backlogAtPlannedEnd = backlog(scenario, plannedNanos, m, errors, source, job);
        }
        if (now - startNanos >= capNanos) {
          stoppedBy = ScenarioReport.StopReason.WALL_CLOCK_CAP;
          break;
        }
        if (now >= nextSample) {
          long completed = m.completed.get();
          double eps = (completed - lastCompleted) * 1e9 / Math.max(1, now - lastTime);
          lastCompleted = completed;
          lastTime = now;
          LatencySnapshot interval = m.interval.intervalSnapshot();
          peakHeap = Math.max(peakHeap, usedHeap());
          double t = (now - origin) / 1e9;
          long backlog = source.startNanos() == Long.MIN_VALUE ? 0
              : backlog(scenario, now - origin, m, errors, source, job);
          boolean none = interval.count() == 0;
          timeline.add(new ScenarioReport.TimelinePoint(t, eps,
              none ? Double.NaN : interval.p50Nanos() / 1e6,
              none ? Double.NaN : interval.p99Nanos() / 1e6, backlog));
          if (options.progress() != null) {
            printProgress(options, scenario, t, eps, interval, backlog, dropped(job),
                errors.total(), circuitState(target.circuitBreakerNames(scenario)));
          }
          while (nextSample <= now) {
            nextSample += periodNanos;
          }
        }
      }
    } finally {
      job.cancel();
    }
    long endNanos = System.nanoTime();
    if (stoppedBy == ScenarioReport.StopReason.COMPLETED && job.failure().isEmpty()) {
      endNanos = Math.max(startNanos, Math.max(m.lastCompletionNanos, errors.lastNanos));
      endNanos = Math.min(endNanos, System.nanoTime());
    }
    if (backlogAtPlannedEnd < 0) {
      // the run ended before its planned end (stopped, or finished early by a hair)
      backlogAtPlannedEnd = stoppedBy == ScenarioReport.StopReason.COMPLETED ? 0
          : backlog(scenario, endNanos - origin(source, startNanos), m, errors, source, job);
    }
    peakHeap = Math.max(peakHeap, usedHeap());
    if (options.progress() != null && options.redraw()) {
      options.progress().println();
    }
    m.total.intervalSnapshot();
    LatencySnapshot latency = m.total.cumulativeSnapshot();
    List<double[]> percentiles = new ArrayList<>();
    for (double q : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100}) {
      percentiles.add(new double[] {q, m.total.cumulativeValueAt(q) / 1e6});
    }
    long measuredWallNanos = m.measuredWallNanos(source.startNanos(), endNanos, stoppedBy);
    double achieved =
        measuredWallNanos <= 0 ? 0 : m.measuredCompleted.get() * 1e9 / measuredWallNanos;
    List<String> transitions = new ArrayList<>();
    List<String> breakers = target.circuitBreakerNames(scenario);
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION && breakers.contains(e.subject())) {
        transitions.add(e.message().replace(" -> ", "->"));
      }
    }
    List<String> notes = new ArrayList<>();
    if (!scenario.warmupDuration().isZero()) {
      notes.add(String.format(Locale.ROOT,
          "warm-up: %.1f s of the %.1f s duration, not measured",
          scenario.warmupDuration().toMillis() / 1000.0, plannedNanos / 1e9));
    }
    notes.addAll(options.notes());
    ScenarioReport draft =
        new ScenarioReport(scenario, info, stoppedBy, m.measuredScheduledEps(), achieved,
            scenario.plannedEventsBy(plannedNanos / 1e9), source.emitted(), source.skipped(),
            m.completed.get(), errors.total(), errors.byKind(), dropped(job),
            measuredWallNanos / 1_000_000, plannedNanos / 1_000_000,
            (endNanos - origin(source, startNanos)) / 1_000_000, backlogAtPlannedEnd,
            transitions, latency,
            peakHeap, timeline, percentiles, notes, List.of());
    List<String> failures = judge(draft);
    job.failure().ifPresent(f -> failures.add(0, "the job failed: " + f.getMessage()));
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return draft.withFailures(failures);
  }

  /** When the schedule started: the source's first read, or {@code fallback} before it. */
  private static long origin(EmissionSource<?> source, long fallback) {
    long s = source.startNanos();
    return s == Long.MIN_VALUE ? fallback : s;
  }

  private static long dropped(Job job) {
    long dropped = 0;
    for (StageCounts c : job.counts()) {
      dropped += c.dropped();
    }
    return dropped;
  }

  /** Events planned up to {@code elapsedNanos} that were not completed, failed or dropped. */
  private static long backlog(Scenario s, long elapsedNanos, Measurement m, ErrorCounter errors,
      EmissionSource<?> source, Job job) {
    double planned = s.plannedEventsBy(elapsedNanos / 1e9);
    long done = m.completed.get() + errors.total() + dropped(job) + source.skipped();
    return Math.max(0, Math.round(planned - done));
  }

  private String circuitState(List<String> breakers) {
    if (breakers.isEmpty()) {
      return null;
    }
    String state = "CLOSED";
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION && breakers.contains(e.subject())) {
        state = e.message().substring(e.message().indexOf("-> ") + 3);
      }
    }
    return state;
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static void printProgress(
      Options o, Scenario s, double t, double eps, LatencySnapshot lat, long backlog,
      long dropped, long errors, String circuit) {
    double total = s.totalDuration().toMillis() / 1000.0;
    String line =
        String.format(
            Locale.ROOT,
            "[%s] %5.1fs/%.0fs  %,10.0f ev/s  p50 %7.2f ms  p99 %7.2f ms  backlog %,d  errors %,d"
                + "  drops %,d%s",
            s.name(), t, total, eps, lat.p50Nanos() / 1e6, lat.p99Nanos() / 1e6, backlog,
            errors, dropped, circuit == null ? "" : "  circuit " + circuit);
    if (o.redraw()) {
      o.progress().print("\r" + line + "   ");
    } else {
      o.progress().println(line);
    }
    o.progress().flush();
  }

  /** The rate profile of the scenario's phases. */
  static RateProfile profile(Scenario s) {
    List<Scenario.Phase> phases = s.effectivePhases();
    double[] len = new double[phases.size()];
    double[] from = new double[phases.size()];
    double[] to = new double[phases.size()];
    for (int i = 0; i < len.length; i++) {
      len[i] = phases.get(i).duration().toNanos() / 1e9;
      from[i] = phases.get(i).fromEps();
      to[i] = phases.get(i).toEps();
    }
    return RateProfile.piecewise(len, from, to, s.arrival() == Scenario.Arrival.POISSON);
  }

  static List<String> judge(ScenarioReport r) {
    List<String> failures = new ArrayList<>();
    if (r.partial()) {
      failures.add(String.format(Locale.ROOT,
          "the run did not finish: %s after %.1f s (planned %.1f s); the figures cover the part"
              + " that ran", r.stoppedBy().text(), r.durationMillis() / 1000.0,
          r.plannedMillis() / 1000.0));
    }
    Scenario.SuccessCriteria c = r.scenario().criteria();
    if (c.minSustainedEps() > 0 && r.achievedEps() < c.minSustainedEps()) {
      failures.add(String.format(Locale.ROOT,
          "achieved rate %,.0f ev/s is below the minimum %,.0f ev/s", r.achievedEps(),
          c.minSustainedEps()));
    }
    if (c.maxP95Ms() > 0) {
      double p95 = percentile(r, 95);
      if (p95 > c.maxP95Ms()) {
        failures.add(String.format(Locale.ROOT, "p95 latency %.2f ms is above the maximum %.2f ms",
            p95, c.maxP95Ms()));
      }
    }
    if (c.maxP99Ms() > 0 && r.latency().p99Nanos() / 1e6 > c.maxP99Ms()) {
      failures.add(String.format(Locale.ROOT, "p99 latency %.2f ms is above the maximum %.2f ms",
          r.latency().p99Nanos() / 1e6, c.maxP99Ms()));
    }
    if (c.minSuccessRate() > 0 && r.successRate() < c.minSuccessRate()) {
      failures.add(String.format(Locale.ROOT, "success rate %.4f is below the minimum %.4f",
          r.successRate(), c.minSuccessRate()));
    }
    if (c.maxHeapBytes() > 0 && r.peakHeapBytes() > c.maxHeapBytes()) {
      failures.add(String.format(Locale.ROOT, "peak heap %,d MB is above the maximum %,d MB",
          r.peakHeapBytes() >> 20, c.maxHeapBytes() >> 20));
    }
    return failures;
  }

  static double percentile(ScenarioReport r, double q) {
    for (double[] p : r.percentiles()) {
      if (p[0] == q) {
        return p[1];
      }
    }
    return 0;
  }
}
