package dev.sluice.scenario.journey.internal;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.core.emission.EmissionSchedule;
import dev.sluice.core.emission.EmissionSettings;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.fault.AsyncCallSettings;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.scenario.journey.LoadPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * Drives one open-model run through the engine: an {@link EmissionSource} on the plan's schedule,
 * a filter that applies the plan's {@code SKIP} policy, and {@code Stage.mapAsync} with the cap
 * as its concurrency (its gate holds arrivals back while the cap is reached), the call timeout
 * and the circuit breaker. The caller's {@link Calls} start the work and count outcomes; this
 * class measures the phases and cuts the run off at the wall-clock limit.
 *
 * <p>{@link #run} blocks the calling thread until the job ends.
 *
 * @param <P> what each arrival carries
 */
public final class OpenLoop<P> {

  /** What the caller does with arrivals. Called on the engine's worker thread; must not block. */
  public interface Calls<P> {
    /** Whether to start {@code e} at all; a refused arrival is the caller's to count. */
    boolean admit(ScheduledEvent<P> e);

    /** {@code e} waited longer than the plan's {@code maxWait} (SKIP policy): not started. */
    void onSkipped(ScheduledEvent<P> e);

    /** Starts the work of {@code e}; its failure counts against the circuit breaker. */
    CompletionStage<?> start(ScheduledEvent<P> e);

    /**
     * {@code e}'s call did not complete normally: its future failed, the circuit was open (the
     * call was never made) or mapAsync's timeout abandoned it. Returns what to emit (non-null).
     */
    Object onNotCompleted(ScheduledEvent<P> e);
  }

  /**
   * When a run's phases began and ended, on {@link System#nanoTime()}.
   *
   * @param startNanos the schedule's start (intended time of an arrival at offset 0)
   * @param measuredStartNanos the start of the measured phase
   * @param scheduleEndNanos the end of the schedule
   * @param endNanos when the job ended (or was cut off)
   * @param cutOff the wall-clock limit ended the run
   * @param plannedMeasured arrivals the schedule has in the measured phase
   * @param circuitTransitions the breaker's transitions, {@code FROM->TO}, in order
   */
  public record Phases(
      long startNanos,
      long measuredStartNanos,
      long scheduleEndNanos,
      long endNanos,
      boolean cutOff,
      long plannedMeasured,
      List<String> circuitTransitions) {}

  private final LoadPlan plan;
  private volatile EmissionSource<P> source;

  /** A driver for {@code plan}. */
  public OpenLoop(LoadPlan plan) {
    this.plan = plan;
  }

  /**
   * True if an arrival intended at {@code intendedNanos} is in the measured phase. Valid once the
   * schedule has started (always true for an arrival's own time).
   */
  public boolean measured(long intendedNanos) {
    EmissionSource<P> s = source;
    return s != null && intendedNanos - s.startNanos() >= plan.warmup().toNanos();
  }

  /** The schedule's start; {@code Long.MIN_VALUE} before it started. */
  public long startNanos() {
    EmissionSource<P> s = source;
    return s == null ? Long.MIN_VALUE : s.startNanos();
  }

  /** The end of the schedule; {@code Long.MAX_VALUE} before it started. */
  public long scheduleEndNanos() {
    long start = startNanos();
    return start == Long.MIN_VALUE ? Long.MAX_VALUE : start + plan.scheduleLength().toNanos();
  }

  /**
   * Runs the plan.
   *
   * @param engine the engine the job runs on
   * @param name the job's name, and the circuit breaker's
   * @param payloads what arrival {@code n} carries; called on the worker thread
   * @param maxConcurrency the cap: arrivals in flight at most
   * @param timeout mapAsync's call timeout, zero for none
   * @param breaker the circuit breaker, or null
   * @param calls the caller's part
   */
  public Phases run(
      Engine engine, String name, LongFunction<P> payloads, int maxConcurrency, Duration timeout,
      CircuitBreakerSettings breaker, Calls<P> calls) throws InterruptedException {
    EmissionSettings settings =
        EmissionSettings.of(plan.arrivals())
            .withDuration(plan.scheduleLength())
            .withSeed(plan.seed())
            .withBurstSize(Math.max(1, Math.min(1024, maxConcurrency)));
    EmissionSource<P> src = new EmissionSource<>(name + "-arrivals", settings, payloads);
    this.source = src;
    boolean skip = plan.onCapReached() == LoadPlan.OnCapReached.SKIP;
    long maxWaitNanos = plan.maxWait().toNanos();
    AsyncCallSettings async =
        AsyncCallSettings.defaults()
            .withMaxConcurrency(maxConcurrency)
            .withOrdered(false)
            .withTimeout(timeout)
            .withFallback((ScheduledEvent<P> e) -> calls.onNotCompleted(e));
    if (breaker != null) {
      async = async.withCircuitBreaker(breaker);
    }
    Pipeline p = Pipeline.create();
    Stage<ScheduledEvent<P>> arrivals = p.source(src);
    arrivals
        .filter(
            e -> {
              if (skip && System.nanoTime() - e.intendedNanos() > maxWaitNanos) {
                calls.onSkipped(e);
                return false;
              }
              return calls.admit(e);
            })
        .named(name + "-admit")
        .mapAsync(calls::start, async)
        .named(name + "-call")
        .sink(Sinks.discard(name + "-done"));

    long submitted = System.nanoTime();
    Job job = engine.submit(p, name);
    long limitNanos = plan.wallClockLimit().toNanos();
    boolean cutOff = false;
    while (true) {
      try {
        job.join(Duration.ofMillis(50));
        break;
      } catch (TimeoutException notYet) {
        if (System.nanoTime() - submitted > limitNanos) {
          cutOff = true;
          job.cancel();
          break;
        }
      }
    }
    long end = System.nanoTime();
    if (job.failure().isPresent()) {
      throw new IllegalStateException(
          "load run '" + name + "' failed: " + job.failure().get().getMessage(),
          job.failure().get());
    }
    long start = src.startNanos() == Long.MIN_VALUE ? submitted : src.startNanos();
    List<String> transitions = new ArrayList<>();
    if (breaker != null) {
      for (DebugEvent e : engine.debugLog().events()) {
        if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION && e.subject().equals(breaker.name())) {
          transitions.add(e.message().replace(" -> ", "->"));
        }
      }
    }
    return new Phases(start, start + plan.warmup().toNanos(),
        start + plan.scheduleLength().toNanos(), end, cutOff, plannedMeasured(plan),
        List.copyOf(transitions));
  }

  /** Arrivals the schedule puts in the measured phase (the same seed gives the same schedule). */
  static long plannedMeasured(LoadPlan plan) {
    EmissionSchedule s = new EmissionSchedule(plan.arrivals(), plan.seed());
    long from = plan.warmup().toNanos();
    long to = plan.scheduleLength().toNanos();
    long n = 0;
    while (true) {
      long at = s.next();
      if (at == EmissionSchedule.NEVER || at >= to) {
        return n;
      }
      if (at >= from) {
        n++;
      }
    }
  }
}
