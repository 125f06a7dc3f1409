package dev.sluice.scenario.internal;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.metrics.LatencyRecorder;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioReport;
import dev.sluice.scenario.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts and latencies taken at the end of the target. The sink writes on its worker thread; the
 * runner reads counters and recorders on its own (HdrHistogram recorders, atomics, volatiles).
 */
public final class Measurement {
  /** Latencies of the measured phases. */
  public final LatencyRecorder total = new LatencyRecorder();
  /** Latencies of every completed event, for the per-period figures. */
  public final LatencyRecorder interval = new LatencyRecorder();
  /** Events completed. */
  public final AtomicLong completed = new AtomicLong();
  /** Events of the measured phases completed. */
  public final AtomicLong measuredCompleted = new AtomicLong();
  private final List<Scenario.Phase> phases;
  private final long[] phaseEnds;
  /** When the last event completed ({@code System.nanoTime()}), 0 before. */
  public volatile long lastCompletionNanos;
  private volatile long lastMeasuredCompletionNanos;

  /** Measures a run of {@code s}. */
  public Measurement(Scenario s) {
    this.phases = s.effectivePhases();
    this.phaseEnds = new long[phases.size()];
    long t = 0;
    for (int i = 0; i < phaseEnds.length; i++) {
      t += phases.get(i).duration().toNanos();
      phaseEnds[i] = t;
    }
  }

  /** Whether an event intended at {@code offsetNanos} into the schedule is measured. */
  public boolean measured(long offsetNanos) {
    for (int i = 0; i < phaseEnds.length; i++) {
      if (offsetNanos < phaseEnds[i]) {
        return phases.get(i).measured();
      }
    }
    return phases.get(phases.size() - 1).measured();
  }

  /**
   * The wall-clock time of the measured phases: from the intended start of the first measured
   * phase to the later of its planned end and the completion of the last measured event (or to
   * {@code endNanos} for a stopped run), less the unmeasured phases in between.
   */
  public long measuredWallNanos(long sourceStart, long endNanos, ScenarioReport.StopReason stop) {
    if (sourceStart == Long.MIN_VALUE) {
      return 0;
    }
    long first = -1;
    long last = -1;
    for (int i = 0; i < phases.size(); i++) {
      if (phases.get(i).measured()) {
        if (first < 0) {
          first = i == 0 ? 0 : phaseEnds[i - 1];
        }
        last = phaseEnds[i];
      }
    }
    if (first < 0) {
      return 0;
    }
    long end;
    if (stop == ScenarioReport.StopReason.COMPLETED) {
      end = Math.max(sourceStart + last, lastMeasuredCompletionNanos);
    } else {
      end = endNanos;
    }
    long wall = end - (sourceStart + first);
    for (int i = 0; i < phases.size(); i++) {
      long start = i == 0 ? 0 : phaseEnds[i - 1];
      if (!phases.get(i).measured() && start >= first && phaseEnds[i] <= last) {
        wall -= Math.max(0, Math.min(phaseEnds[i], end - sourceStart) - start);
      }
    }
    return Math.max(0, wall);
  }

  /** The mean planned rate of the measured phases. */
  public double measuredScheduledEps() {
    double events = 0;
    double seconds = 0;
    for (Scenario.Phase p : phases) {
      if (p.measured()) {
        events += (p.fromEps() + p.toEps()) / 2 * p.duration().toNanos() / 1e9;
        seconds += p.duration().toNanos() / 1e9;
      }
    }
    return seconds == 0 ? 0 : events / seconds;
  }

  /** The measuring sink, put after the target's result stage. */
  public <R> Sink<R> sink(Target<R> target, EmissionSource<?> source) {
    return new Sink<>() {
      @Override
      public String name() {
        return "measure";
      }

      @Override
      public SinkWriter<R> createWriter(int instanceIndex, int parallelism) {
        return (event, ts) -> {
          long intended = target.intendedNanosOf(event);
          long now = System.nanoTime();
          long latency = now - intended;
          completed.incrementAndGet();
          interval.record(latency);
          lastCompletionNanos = now;
          if (measured(intended - source.startNanos())) {
            total.record(latency);
            measuredCompleted.incrementAndGet();
            lastMeasuredCompletionNanos = now;
          }
          return true;
        };
      }
    };
  }
}
