package dev.sluice.cep.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An anomaly detector: scores a new value of a key against that key's window of recent values,
 * optionally with a per-key model kept up to date incrementally. The built-in detectors ({@link
 * Detectors#zScore()}, {@link Detectors#iqr()}, {@link Detectors#isolationForest()}) implement
 * it, and so can users; for a detector that needs no model, {@link Detectors#custom} is shorter.
 *
 * <p>For each value {@code x} of a key the detection operator, in this order: removes the values
 * that left the window (calling {@link #onEvict} for each); if the window holds at least {@link
 * #minValues()} values, asks {@link #score} for {@code x} against the window (without {@code x})
 * and reports {@code x} as anomalous when {@link #isAnomaly} says so; then adds {@code x} to the
 * window (evicting the oldest value first if the window is full) and calls {@link #onAdd}.
 *
 * <p><b>State.</b> The model ({@code M}) is part of the key's managed state: the operator keeps it
 * with the window in core-managed keyed state and writes it with {@link #writeModel} into
 * snapshots; {@link #readModel} must give back a model that behaves identically (same scores,
 * same future updates), since a restored job must produce the output an uninterrupted one would.
 * A model may hold caches that it rebuilds from the window in {@code readModel}.
 *
 * <p><b>Determinism.</b> A detector that uses randomness draws it from the seed given to {@link
 * #newModel} (derived from the stage's seed and the key), and keeps its generator's state in the
 * model, so results do not depend on parallelism or restores.
 *
 * <p><b>Threading:</b> one detector instance is shared by every parallel instance of a stage, so
 * it must be immutable; each model is used by one thread at a time. <b>Failure:</b> an exception
 * from a detector call in {@code onEvent} follows the stage's error policy.
 *
 * @param <M> the per-key model type ({@link Void} and a null model for a detector without one)
 */
public interface Detector<M> {

  /** The method name written into every {@link Anomaly}, e.g. {@code "z-score"}. */
  String method();

  /** The threshold a score is compared with. */
  double threshold();

  /** The fewest values the window must hold before a value is scored (at least 1). */
  default int minValues() {
    return 1;
  }

  /** Whether {@code score} is anomalous; the default is {@code score > threshold()}. */
  default boolean isAnomaly(double score) {
    return score > threshold();
  }

  /**
   * Creates the model of a new key (null if the detector has none).
   *
   * @param seed the key's seed, derived from the stage's seed and the key's stable hash
   * @param window the (empty) window of the key, whose capacity the model may size itself for
   */
  M newModel(long seed, RecentValues window);

  /** The newest value of {@code window} was just added. The default does nothing. */
  default void onAdd(M model, RecentValues window) {}

  /** {@code value} (with {@code timestamp}) just left {@code window}. The default does nothing. */
  default void onEvict(M model, double value, long timestamp, RecentValues window) {}

  /**
   * The score of {@code value} against {@code window}, which does not hold it yet; NaN when the
   * value cannot be scored (it is then neither reported nor counted as anomalous).
   */
  double score(M model, RecentValues window, double value);

  /**
   * The most features per value this detector handles; 1 (univariate) by default. A stage that
   * extracts more features ({@link AnomalyDetection#ofFeatures}) needs a detector that handles
   * them.
   */
  default int maxDimensions() {
    return 1;
  }

  /**
   * The score of a value of several features ({@code point}, of {@link
   * RecentValues#dimensions()} coordinates; do not keep or modify it) against {@code window}. The
   * default scores the first feature with {@link #score(Object, RecentValues, double)}.
   */
  default double score(M model, RecentValues window, double[] point) {
    return score(model, window, point[0]);
  }

  /** Writes {@code model} into a snapshot. The default writes nothing (for stateless models). */
  default void writeModel(M model, DataOutput out) throws IOException {}

  /**
   * Reads a model written by {@link #writeModel}; {@code window} is the key's window, already
   * restored. The default returns {@code newModel(seed, window)}, right for a model that is
   * rebuilt from the window alone.
   *
   * @param seed the key's seed, as given to {@link #newModel}
   */
  default M readModel(DataInput in, long seed, RecentValues window) throws IOException {
    return newModel(seed, window);
  }

  /**
   * Names the binary format of {@link #writeModel}; stored with snapshots and compared on
   * restore. Change it when the format changes. The default is the detector's class name.
   */
  default String modelFormatId() {
    return getClass().getName();
  }
}
