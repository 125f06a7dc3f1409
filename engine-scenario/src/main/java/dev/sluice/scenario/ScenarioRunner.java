package dev.sluice.scenario;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.emission.EmissionSettings;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.LatencyRecorder;
import dev.sluice.core.metrics.LatencySnapshot;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs a {@link Scenario}: emits its payloads on its open-loop schedule into a pipeline (the
 * {@link SystemUnderTest} by default, or any user pipeline), measures end-to-end latency from
 * each event's intended emission time, shows live progress, and returns a {@link ScenarioReport}
 * judged against the scenario's success criteria.
 *
 * <p><b>Threading:</b> {@link #run} blocks the calling thread for the scenario's duration; the
 * progress printer runs on a thread of its own that ends with the run.
 */
public final class ScenarioRunner {

  /**
   * How to run.
   *
   * @param progress where live progress goes, or null for none
   * @param redraw redraw one line in place (a terminal) rather than print a line per update
   * @param progressEvery how often progress is shown and the timeline sampled
   * @param seed seeds the payload generator and arrivals
   */
  public record Options(PrintStream progress, boolean redraw, Duration progressEvery, long seed) {
    /** Quiet, one-second timeline, seed 42. */
    public static Options quiet() {
      return new Options(null, false, Duration.ofSeconds(1), 42);
    }
  }

  private final Engine engine;

  /** A runner submitting to {@code engine}. */
  public ScenarioRunner(Engine engine) {
    this.engine = engine;
  }

  /** Runs {@code scenario} against the built-in system under test. */
  public ScenarioReport run(Scenario scenario, Options options) throws InterruptedException {
    return run(scenario, options, in -> SystemUnderTest.attach(in, scenario),
        SystemUnderTest.Reading::intendedNanos);
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
      ToLongFunction<? super R> intendedNanosOf)
      throws InterruptedException {
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
    CountingSink<Object> deadLetters = Sinks.counting("count-dead-letters");
    Pipeline p = Pipeline.create();
    Stage<R> out = pipeline.apply(p.source(source));
    out.sink(m.sink(intendedNanosOf, source));
    p.deadLetters().sink(deadLetters);

    long startMillis = System.currentTimeMillis();
    Job job = engine.submit(p, "scenario-" + scenario.name());
    List<double[]> timeline = new ArrayList<>();
    long peakHeap = 0;
    long periodMillis = Math.max(10, options.progressEvery().toMillis());
    long lastCompleted = 0;
    long lastTime = System.nanoTime();
    try {
      while (true) {
        try {
          job.join(Duration.ofMillis(periodMillis));
          break;
        } catch (TimeoutException notYet) {
          // a progress tick
        }
        long now = System.nanoTime();
        long completed = m.completed.get();
        double eps = (completed - lastCompleted) * 1e9 / Math.max(1, now - lastTime);
        lastCompleted = completed;
        lastTime = now;
        LatencySnapshot interval = m.interval.intervalSnapshot();
        peakHeap = Math.max(peakHeap, usedHeap());
        double t = (System.currentTimeMillis() - startMillis) / 1000.0;
        timeline.add(new double[] {t, eps, interval.p50Nanos() / 1e6, interval.p99Nanos() / 1e6});
        if (options.progress() != null) {
          printProgress(options, scenario, t, eps, interval, job, deadLetters.count(), circuitState());
        }
      }
    } finally {
      job.cancel();
    }
    peakHeap = Math.max(peakHeap, usedHeap());
    if (options.progress() != null && options.redraw()) {
      options.progress().println();
    }
    long durationMillis = System.currentTimeMillis() - startMillis;
    long dropped = 0;
    for (StageCounts c : job.counts()) {
      dropped += c.dropped();
    }
    m.total.intervalSnapshot();
    LatencySnapshot latency = m.total.cumulativeSnapshot();
    List<double[]> percentiles = new ArrayList<>();
    for (double q : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100}) {
      percentiles.add(new double[] {q, m.total.cumulativeValueAt(q) / 1e6});
    }
    double measuredSeconds = m.measuredSeconds();
    double achieved = measuredSeconds == 0 ? 0 : m.measuredCompleted.get() / measuredSeconds;
    List<String> transitions = new ArrayList<>();
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION
          && e.subject().equals(scenario.name() + "-enrich")) {
        transitions.add(e.message().replace(" -> ", "->"));
      }
    }
    ScenarioReport draft =
        new ScenarioReport(scenario, m.measuredTargetEps(), achieved, source.emitted(),
            source.skipped(), m.completed.get(), deadLetters.count(), dropped, transitions,
            latency, peakHeap, durationMillis, timeline, percentiles, List.of());
    return new ScenarioReport(draft.scenario(), draft.targetEps(), draft.achievedEps(),
        draft.emitted(), draft.skipped(), draft.completed(), draft.errors(), draft.dropped(),
        draft.circuitTransitions(), draft.latency(), draft.peakHeapBytes(),
        draft.durationMillis(), draft.timeline(), draft.percentiles(), judge(draft));
  }

  private String circuitState() {
    String state = "CLOSED";
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION) {
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
      Options o, Scenario s, double t, double eps, LatencySnapshot lat, Job job, long errors,
      String circuit) {
    long dropped = 0;
    for (StageCounts c : job.counts()) {
      dropped += c.dropped();
    }
    double total = s.totalDuration().toMillis() / 1000.0;
    String line =
        String.format(
            Locale.ROOT,
            "[%s] %5.1fs/%.0fs  %,10.0f ev/s  p50 %7.2f ms  p99 %7.2f ms  errors %,d  drops %,d"
                + "  circuit %s",
            s.name(), t, total, eps, lat.p50Nanos() / 1e6, lat.p99Nanos() / 1e6, errors, dropped,
            circuit);
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
    Scenario.SuccessCriteria c = r.scenario().criteria();
    if (c.minSustainedEps() > 0 && r.achievedEps() < c.minSustainedEps()) {
      failures.add(String.format(Locale.ROOT, "sustained rate %.0f ev/s is below the minimum %.0f",
          r.achievedEps(), c.minSustainedEps()));
    }
    if (c.maxP95Ms() > 0 && r.latency().p90Nanos() >= 0) {
      double p95 = percentile(r, 95);
      if (p95 > c.maxP95Ms()) {
        failures.add(String.format(Locale.ROOT, "p95 latency %.2f ms is above the maximum %.2f",
            p95, c.maxP95Ms()));
      }
    }
    if (c.maxP99Ms() > 0 && r.latency().p99Nanos() / 1e6 > c.maxP99Ms()) {
      failures.add(String.format(Locale.ROOT, "p99 latency %.2f ms is above the maximum %.2f",
          r.latency().p99Nanos() / 1e6, c.maxP99Ms()));
    }
    if (c.minSuccessRate() > 0 && r.successRate() < c.minSuccessRate()) {
      failures.add(String.format(Locale.ROOT, "success rate %.4f is below the minimum %.4f",
          r.successRate(), c.minSuccessRate()));
    }
    if (c.maxHeapBytes() > 0 && r.peakHeapBytes() > c.maxHeapBytes()) {
      failures.add(String.format(Locale.ROOT, "peak heap %,d bytes is above the maximum %,d",
          r.peakHeapBytes(), c.maxHeapBytes()));
    }
    return failures;
  }

  private static double percentile(ScenarioReport r, double q) {
    for (double[] p : r.percentiles()) {
      if (p[0] == q) {
        return p[1];
      }
    }
    return 0;
  }

  /** Counts and latencies taken at the end of the pipeline. */
  private static final class Measurement {
    final LatencyRecorder total = new LatencyRecorder();
    final LatencyRecorder interval = new LatencyRecorder();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong measuredCompleted = new AtomicLong();
    final List<Scenario.Phase> phases;
    final long[] phaseEnds;

    Measurement(Scenario s) {
      this.phases = s.effectivePhases();
      this.phaseEnds = new long[phases.size()];
      long t = 0;
      for (int i = 0; i < phaseEnds.length; i++) {
        t += phases.get(i).duration().toNanos();
        phaseEnds[i] = t;
      }
    }

    boolean measured(long offsetNanos) {
      for (int i = 0; i < phaseEnds.length; i++) {
        if (offsetNanos < phaseEnds[i]) {
          return phases.get(i).measured();
        }
      }
      return phases.get(phases.size() - 1).measured();
    }

    double measuredSeconds() {
      double s = 0;
      for (Scenario.Phase p : phases) {
        if (p.measured()) {
          s += p.duration().toNanos() / 1e9;
        }
      }
      return s;
    }

    double measuredTargetEps() {
      double events = 0;
      for (Scenario.Phase p : phases) {
        if (p.measured()) {
          events += (p.fromEps() + p.toEps()) / 2 * p.duration().toNanos() / 1e9;
        }
      }
      double s = measuredSeconds();
      return s == 0 ? 0 : events / s;
    }

    <R> Sink<R> sink(ToLongFunction<? super R> intendedNanosOf, EmissionSource<?> source) {
      return new Sink<>() {
        @Override
        public String name() {
          return "measure";
        }

        @Override
        public SinkWriter<R> createWriter(int instanceIndex, int parallelism) {
          return (event, ts) -> {
            long intended = intendedNanosOf.applyAsLong(event);
            long latency = System.nanoTime() - intended;
            completed.incrementAndGet();
            interval.record(latency);
            if (measured(intended - source.startNanos())) {
              total.record(latency);
              measuredCompleted.incrementAndGet();
            }
            return true;
          };
        }
      };
    }
  }
}
