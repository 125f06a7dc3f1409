package dev.sluice.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A declarative load scenario: what to emit, how fast, what faults to inject into the system
 * under test, and what counts as success. Immutable; read one from JSON with {@link
 * ScenarioJson#parse}, or take a {@link Presets preset}.
 *
 * @param name short name
 * @param description one line
 * @param targetEps target events per second of the steady phase
 * @param burstSize events emitted per scheduler call at most
 * @param duration total planned length, warm-up included (the phases' lengths, when phases are
 *     given)
 * @param payloadType payload generator name ({@code synthetic}, {@code senml}, {@code opcua},
 *     {@code prometheus}, ...)
 * @param payloadSizeBytes payload size target
 * @param errorRate probability that the system under test's failing step fails on an event
 * @param latencySpike injected latency spikes
 * @param circuitBreaker the breaker around the failing step
 * @param arrival evenly spaced ({@code constant}) or random ({@code poisson}) arrivals
 * @param phases warm-up, steady and ramp phases in order; empty means one steady phase
 * @param criteria what the run must achieve to pass
 */
public record Scenario(
    String name,
    String description,
    double targetEps,
    int burstSize,
    Duration duration,
    String payloadType,
    int payloadSizeBytes,
    double errorRate,
    LatencySpike latencySpike,
    CircuitBreaker circuitBreaker,
    Arrival arrival,
    List<Phase> phases,
    SuccessCriteria criteria) {

  /**
   * The highest rate a scenario may ask for, in events per second (10 million): the emission
   * scheduler's accuracy is tested up to 5 million, and one source thread does not go faster.
   */
  public static final double MAX_EPS = 10_000_000;

  /** Arrival processes. */
  public enum Arrival {
    /** Evenly spaced. */
    CONSTANT,
    /** Poisson: exponential inter-arrival times. */
    POISSON
  }

  /**
   * Injected latency: with {@code probability}, the failing step takes {@code durationMs} longer.
   *
   * @param probability in [0, 1]
   * @param durationMs added latency
   */
  public record LatencySpike(double probability, long durationMs) {
    /** None. */
    public static final LatencySpike NONE = new LatencySpike(0, 0);
  }

  /**
   * The circuit breaker around the failing step.
   *
   * @param failureThreshold consecutive failures that open it
   * @param resetTimeoutMs how long it stays open
   */
  public record CircuitBreaker(int failureThreshold, long resetTimeoutMs) {}

  /**
   * A phase of the run.
   *
   * @param kind WARMUP, STEADY or RAMP
   * @param duration its length
   * @param fromEps rate at the start (RAMP), or the phase's rate
   * @param toEps rate at the end (RAMP), or the phase's rate
   * @param measured whether the phase counts toward the success criteria (warm-up does not)
   */
  public record Phase(Kind kind, Duration duration, double fromEps, double toEps, boolean measured) {
    /** Phase kinds. */
    public enum Kind {
      /** Warm-up: not measured. */
      WARMUP,
      /** Steady rate. */
      STEADY,
      /** Linear ramp. */
      RAMP
    }
  }

  /**
   * Success criteria; a criterion of 0 (or, for rates, below 0) is not checked.
   *
   * @param minSustainedEps achieved rate over the measured phases at least this
   * @param maxP95Ms end-to-end p95 latency at most this
   * @param maxP99Ms end-to-end p99 latency at most this
   * @param minSuccessRate fraction of events processed without error at least this
   * @param maxHeapBytes peak heap used at most this
   */
  public record SuccessCriteria(
      double minSustainedEps, double maxP95Ms, double maxP99Ms, double minSuccessRate,
      long maxHeapBytes) {
    /** No criteria. */
    public static final SuccessCriteria NONE = new SuccessCriteria(0, 0, 0, 0, 0);
  }

  /** Copies the phases. */
  public Scenario {
    Objects.requireNonNull(name, "name");
    phases = List.copyOf(phases);
  }

  /** The phases to run: the given ones, or one steady phase of the whole duration. */
  public List<Phase> effectivePhases() {
    return phases.isEmpty()
        ? List.of(new Phase(Phase.Kind.STEADY, duration, targetEps, targetEps, true))
        : phases;
  }

  /** The total length of the effective phases. */
  public Duration totalDuration() {
    Duration d = Duration.ZERO;
    for (Phase p : effectivePhases()) {
      d = d.plus(p.duration());
    }
    return d;
  }

  /**
   * The events the schedule plans from the start up to {@code seconds} (the integral of the
   * phases' rates; for Poisson arrivals the expected number).
   */
  public double plannedEventsBy(double seconds) {
    double events = 0;
    double start = 0;
    for (Phase p : effectivePhases()) {
      double len = p.duration().toNanos() / 1e9;
      double covered = Math.min(len, Math.max(0, seconds - start));
      if (covered > 0 && len > 0) {
        double rateAtEnd = p.fromEps() + (p.toEps() - p.fromEps()) * covered / len;
        events += (p.fromEps() + rateAtEnd) / 2 * covered;
      }
      start += len;
    }
    return events;
  }

  /** The total length of the warm-up phases (inside {@link #totalDuration()}, not measured). */
  public Duration warmupDuration() {
    Duration d = Duration.ZERO;
    for (Phase p : effectivePhases()) {
      if (!p.measured()) {
        d = d.plus(p.duration());
      }
    }
    return d;
  }

  /**
   * This scenario with another total duration, warm-up included: every phase is scaled by the
   * same factor, so a warm-up keeps its share of the run.
   */
  public Scenario withDuration(Duration d) {
    List<Phase> scaled = new java.util.ArrayList<>();
    double factor = totalDuration().isZero() ? 1 : (double) d.toNanos() / totalDuration().toNanos();
    for (Phase p : phases) {
      scaled.add(new Phase(p.kind(), Duration.ofNanos((long) (p.duration().toNanos() * factor)),
          p.fromEps(), p.toEps(), p.measured()));
    }
    return new Scenario(name, description, targetEps, burstSize, d, payloadType, payloadSizeBytes,
        errorRate, latencySpike, circuitBreaker, arrival, scaled, criteria);
  }

  /**
   * This scenario with another target rate: the phases' rates and the rate criterion ({@link
   * SuccessCriteria#minSustainedEps()}) are scaled by the same factor; latency, success-rate and
   * heap criteria are absolute and stay. The description is kept as it is.
   */
  public Scenario withTargetEps(double eps) {
    double factor = eps / targetEps;
    List<Phase> scaled = new java.util.ArrayList<>();
    for (Phase p : phases) {
      scaled.add(new Phase(p.kind(), p.duration(), p.fromEps() * factor, p.toEps() * factor,
          p.measured()));
    }
    SuccessCriteria c = new SuccessCriteria(criteria.minSustainedEps() * factor,
        criteria.maxP95Ms(), criteria.maxP99Ms(), criteria.minSuccessRate(),
        criteria.maxHeapBytes());
    return new Scenario(name, description, eps, burstSize, duration, payloadType, payloadSizeBytes,
        errorRate, latencySpike, circuitBreaker, arrival, scaled, c);
  }

  /** This scenario with another payload size. */
  public Scenario withPayloadSizeBytes(int bytes) {
    return new Scenario(name, description, targetEps, burstSize, duration, payloadType, bytes,
        errorRate, latencySpike, circuitBreaker, arrival, phases, criteria);
  }

  /** This scenario with another description. */
  public Scenario withDescription(String text) {
    return new Scenario(name, text, targetEps, burstSize, duration, payloadType, payloadSizeBytes,
        errorRate, latencySpike, circuitBreaker, arrival, phases, criteria);
  }
}
