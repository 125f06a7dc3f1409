package dev.sluice.scenario.journey;

import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.payload.GeneratorSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The open model of a load run, shared by HTTP targets and user journeys: when arrivals (requests
 * or virtual users) are due, for how long, what they carry, what happens when the cap on
 * concurrent arrivals is reached, and when a run that fell behind is cut off.
 *
 * <p>The schedule is open-loop: arrival {@code n} is due at its intended time whatever happened
 * to arrival {@code n-1}, and every latency is measured from that intended time (no coordinated
 * omission). The warm-up comes <em>before</em> the measured duration: the schedule lasts {@code
 * warmup + duration}; only arrivals due in the measured phase count in latencies, rates and
 * outcome counts.
 *
 * <p>Immutable and thread-safe; start from {@link #builder(RateProfile, Duration)}.
 *
 * @param arrivals the arrival process (for example {@link RateProfile#constant(double)} or
 *     {@link RateProfile#poisson(double)})
 * @param warmup the unmeasured phase before the measured one, zero for none
 * @param duration the measured phase, positive
 * @param seed seeds Poisson arrivals and the payload generator
 * @param onCapReached what an arrival does while the cap is reached
 * @param maxWait with {@link OnCapReached#SKIP}: an arrival still waiting this long after its
 *     intended time is not started (counted)
 * @param wallClockLimit a run still going this long after it started is cut off (partial result)
 * @param payloadType the payload generator's name ({@code synthetic} is always available)
 * @param payloadSizeBytes the generator's size target
 * @param payloadOptions the generator's options
 */
public record LoadPlan(
    RateProfile arrivals,
    Duration warmup,
    Duration duration,
    long seed,
    OnCapReached onCapReached,
    Duration maxWait,
    Duration wallClockLimit,
    String payloadType,
    int payloadSizeBytes,
    Map<String, String> payloadOptions) {

  /** What an arrival does while the cap on concurrent arrivals is reached. */
  public enum OnCapReached {
    /**
     * Wait for a free slot; nothing is lost. The schedule keeps running, so arrivals pile up and
     * are started late, with their latency counted from their intended time.
     */
    WAIT,
    /**
     * Wait at most {@link LoadPlan#maxWait()}; an arrival that would start later than that is not
     * started and is counted (HTTP: error kind {@code IN_FLIGHT_CAP}; journeys: {@code
     * skipped}).
     */
    SKIP
  }

  /**
   * Validates the plan.
   *
   * @throws IllegalArgumentException naming the first invalid field
   */
  public LoadPlan {
    Objects.requireNonNull(arrivals, "arrivals");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(onCapReached, "onCapReached");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(wallClockLimit, "wallClockLimit");
    Objects.requireNonNull(payloadType, "payloadType");
    payloadOptions = Map.copyOf(Objects.requireNonNull(payloadOptions, "payloadOptions"));
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    if (wallClockLimit.compareTo(warmup.plus(duration)) < 0) {
      throw new IllegalArgumentException(
          "wallClockLimit must be at least warmup + duration (" + warmup.plus(duration)
              + "), was " + wallClockLimit);
    }
    if (payloadSizeBytes < 1) {
      throw new IllegalArgumentException("payloadSizeBytes must be >= 1, was " + payloadSizeBytes);
    }
  }

  /** The whole schedule: warm-up plus measured duration. */
  public Duration scheduleLength() {
    return warmup.plus(duration);
  }

  /** The generator spec for this plan's payloads. */
  public GeneratorSpec generatorSpec() {
    return new GeneratorSpec(seed, payloadSizeBytes, payloadOptions);
  }

  /**
   * A builder with the defaults: no warm-up, seed 42, {@link OnCapReached#WAIT} (max wait 1 s
   * if switched to SKIP), a wall-clock limit of twice the schedule plus 5 s, payload {@code
   * synthetic} of 256 bytes.
   */
  public static Builder builder(RateProfile arrivals, Duration duration) {
    return new Builder(arrivals, duration);
  }

  /** A copy as a builder. */
  public Builder toBuilder() {
    Builder b = new Builder(arrivals, duration);
    b.warmup = warmup;
    b.seed = seed;
    b.onCapReached = onCapReached;
    b.maxWait = maxWait;
    b.wallClockLimit = wallClockLimit;
    b.payloadType = payloadType;
    b.payloadSizeBytes = payloadSizeBytes;
    b.payloadOptions = payloadOptions;
    return b;
  }

  /** Builds a {@link LoadPlan}; not thread-safe. */
  public static final class Builder {
    private RateProfile arrivals;
    private Duration duration;
    private Duration warmup = Duration.ZERO;
    private long seed = 42;
    private OnCapReached onCapReached = OnCapReached.WAIT;
    private Duration maxWait = Duration.ofSeconds(1);
    private Duration wallClockLimit;
    private String payloadType = "synthetic";
    private int payloadSizeBytes = GeneratorSpec.DEFAULT_SIZE_TARGET_BYTES;
    private Map<String, String> payloadOptions = Map.of();

    private Builder(RateProfile arrivals, Duration duration) {
      this.arrivals = arrivals;
      this.duration = duration;
    }

    /** The arrival process. */
    public Builder arrivals(RateProfile profile) {
      this.arrivals = profile;
      return this;
    }

    /** The measured duration. */
    public Builder duration(Duration d) {
      this.duration = d;
      return this;
    }

    /** The warm-up before the measured phase. */
    public Builder warmup(Duration d) {
      this.warmup = d;
      return this;
    }

    /** The seed of arrivals and payloads. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Arrivals wait for a free slot (the default). */
    public Builder waitWhenCapReached() {
      this.onCapReached = OnCapReached.WAIT;
      return this;
    }

    /** Arrivals wait at most {@code max} past their intended time, else are skipped (counted). */
    public Builder skipWhenCapReached(Duration max) {
      this.onCapReached = OnCapReached.SKIP;
      this.maxWait = max;
      return this;
    }

    /** The wall-clock limit (default: twice the schedule plus 5 s). */
    public Builder wallClockLimit(Duration limit) {
      this.wallClockLimit = limit;
      return this;
    }

    /** The payload generator and its size target. */
    public Builder payload(String type, int sizeBytes) {
      this.payloadType = type;
      this.payloadSizeBytes = sizeBytes;
      return this;
    }

    /** The payload generator's options. */
    public Builder payloadOptions(Map<String, String> options) {
      this.payloadOptions = options;
      return this;
    }

    /**
     * The plan.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public LoadPlan build() {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(warmup, "warmup");
      Duration limit =
          wallClockLimit != null
              ? wallClockLimit
              : warmup.plus(duration).multipliedBy(2).plusSeconds(5);
      return new LoadPlan(arrivals, warmup, duration, seed, onCapReached, maxWait, limit,
          payloadType, payloadSizeBytes, payloadOptions);
    }
  }
}
