package dev.sluice.core.checkpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable checkpointing settings of a job: where checkpoints go, how often they are taken and
 * how long one may take. Start from {@link #every(Duration, CheckpointStore)} (or {@link
 * #savepointsOnly(CheckpointStore)}) and change what you need with the {@code with*} methods.
 *
 * <p>At most one checkpoint is in progress at a time: a periodic trigger that finds one running
 * is skipped. How many completed checkpoints are kept is the store's business (its retention).
 *
 * <p><b>Threading:</b> immutable and thread-safe.
 *
 * @see dev.sluice.core.JobOptions#withCheckpointing(CheckpointConfig)
 */
public final class CheckpointConfig {
  /** The interval used by {@link #of(CheckpointStore)}: one second. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  /** How long a checkpoint may take before it is aborted, unless changed: one minute. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
  /** Checkpoints in progress at once; fixed. */
  public static final int MAX_CONCURRENT = 1;

  private final CheckpointStore store;
  private final Duration interval;
  private final Duration timeout;

  private CheckpointConfig(CheckpointStore store, Duration interval, Duration timeout) {
    this.store = Objects.requireNonNull(store, "store");
    this.interval = interval;
    this.timeout = timeout;
  }

  /** Checkpoints every {@link #DEFAULT_INTERVAL} into {@code store}. */
  public static CheckpointConfig of(CheckpointStore store) {
    return new CheckpointConfig(store, DEFAULT_INTERVAL, DEFAULT_TIMEOUT);
  }

  /**
   * Checkpoints every {@code interval} into {@code store}.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public static CheckpointConfig every(Duration interval, CheckpointStore store) {
    return of(store).withInterval(interval);
  }

  /**
   * No periodic checkpoints: only those the program triggers ({@code Job.triggerSavepoint()},
   * {@code Job.triggerCheckpoint()}) and the final one of a bounded job's exactly-once sinks.
   */
  public static CheckpointConfig savepointsOnly(CheckpointStore store) {
    return new CheckpointConfig(store, Duration.ZERO, DEFAULT_TIMEOUT);
  }

  /**
   * With checkpoints triggered every {@code interval} (measured from one trigger to the next).
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public CheckpointConfig withInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be > 0, was " + interval);
    }
    return new CheckpointConfig(store, interval, timeout);
  }

  /**
   * With a checkpoint aborted (and never used) if it is not stored within {@code timeout} of its
   * trigger.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public CheckpointConfig withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("checkpoint timeout must be > 0, was " + timeout);
    }
    return new CheckpointConfig(store, interval, timeout);
  }

  /** Where completed checkpoints are stored. */
  public CheckpointStore store() {
    return store;
  }

  /** The periodic interval; zero when only triggered checkpoints are taken. */
  public Duration interval() {
    return interval;
  }

  /** How long a checkpoint may take. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "CheckpointConfig[interval=" + interval + ", timeout=" + timeout + ", store="
        + store + "]";
  }
}
