package dev.sluice.cep.anomaly;

import dev.sluice.cep.anomaly.internal.DetectionOperator;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.operator.OutputTag;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Entry point of the anomaly-detection DSL: attaches a {@link Detector} to a keyed stage.
 *
 * <pre>{@code
 * Stage<Anomaly<String>> anomalies =
 *     AnomalyDetection.of(readings.keyBy(Reading::sensor), Reading::value)
 *         .window(DetectionWindow.lastValues(200))
 *         .seed(42)
 *         .named("temperature-outliers")
 *         .detect(Detectors.zScore().threshold(3.5));
 * }</pre>
 *
 * <p>{@link #detect} adds a keyed operator stage that emits an {@link Anomaly} for each value its
 * detector finds anomalous; {@link #scores} one that emits a record for every value it scores
 * (for tuning thresholds and measuring). The stage is an ordinary keyed operator: all its state —
 * each key's window and model — lives in core-managed keyed state with codecs, so it is
 * snapshotted, restored and redistributed with the job. Its output carries the input's
 * timestamps. With a time window, late events (at or behind the watermark) go to the side output
 * {@link #LATE_EVENTS} and are counted there ({@link #lateCount}).
 *
 * <p>Like the rest of the fluent API this only describes; nothing runs until the pipeline is
 * submitted. This builder is immutable: each method returns a new one. Default window: the last
 * 100 values; default seed 0; default stage name {@code "anomalies-<method>"}.
 *
 * @param <K> key type
 * @param <T> event type
 */
public final class AnomalyDetection<K, T> {
  /**
   * The late side output of a detection stage with a time window; connect it with {@code
   * anomalies.sideOutput(AnomalyDetection.LATE_EVENTS)}. It carries the late input events.
   */
  public static final OutputTag<Object> LATE_EVENTS = OutputTag.of("late", Object.class);

  private final KeyedStage<K, T> keyed;
  private final FeatureExtractor<? super T> features;
  private final int dims;
  private final DetectionWindow window;
  private final long seed;
  private final String name;

  private AnomalyDetection(
      KeyedStage<K, T> keyed,
      FeatureExtractor<? super T> features,
      int dims,
      DetectionWindow window,
      long seed,
      String name) {
    this.keyed = keyed;
    this.features = features;
    this.dims = dims;
    this.window = window;
    this.seed = seed;
    this.name = name;
  }

  /**
   * Detection over {@code keyed}, per key, on the value {@code valueFn} extracts from each event
   * (it must be finite: a NaN or infinite value is an error handled by the stage's error policy).
   */
  public static <K, T> AnomalyDetection<K, T> of(
      KeyedStage<K, T> keyed, ToDoubleFunction<? super T> valueFn) {
    Objects.requireNonNull(valueFn, "valueFn");
    return new AnomalyDetection<>(
        Objects.requireNonNull(keyed, "keyed"),
        (e, out) -> out[0] = valueFn.applyAsDouble(e),
        1,
        DetectionWindow.lastValues(100),
        0L,
        null);
  }

  /**
   * Multivariate detection over {@code keyed}, per key, on {@code dimensions} features that
   * {@code features} extracts from each event (each must be finite). Only detectors whose {@link
   * Detector#maxDimensions()} allows it take several features (the isolation forest does); an
   * {@link Anomaly}'s {@code value} is then the first feature.
   *
   * @throws IllegalArgumentException if {@code dimensions} is not in [1, 255]
   */
  public static <K, T> AnomalyDetection<K, T> ofFeatures(
      KeyedStage<K, T> keyed, int dimensions, FeatureExtractor<? super T> features) {
    if (dimensions < 1 || dimensions > 255) {
      throw new IllegalArgumentException(
          "anomaly detection takes 1 to 255 features, got " + dimensions);
    }
    return new AnomalyDetection<>(
        Objects.requireNonNull(keyed, "keyed"),
        Objects.requireNonNull(features, "features"),
        dimensions,
        DetectionWindow.lastValues(100),
        0L,
        null);
  }

  /** The window each value is compared with (default: the last 100 values of the key). */
  public AnomalyDetection<K, T> window(DetectionWindow window) {
    return new AnomalyDetection<>(
        keyed, features, dims, Objects.requireNonNull(window, "window"), seed, name);
  }

  /** The seed of randomized detectors; each key's seed derives from it (default 0). */
  public AnomalyDetection<K, T> seed(long seed) {
    return new AnomalyDetection<>(keyed, features, dims, window, seed, name);
  }

  /** The name of the stage (default {@code "anomalies-<method>"}). */
  public AnomalyDetection<K, T> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a stage name must not be blank");
    }
    return new AnomalyDetection<>(keyed, features, dims, window, seed, name);
  }

  /** Adds the detection stage; it emits the anomalous values. */
  public <M> Stage<Anomaly<K>> detect(Detector<M> detector) {
    return add(detector, false);
  }

  /** Adds the detection stage; it emits a record for every value it scores. */
  public <M> Stage<Anomaly<K>> scores(Detector<M> detector) {
    return add(detector, true);
  }

  private <M> Stage<Anomaly<K>> add(Detector<M> detector, boolean all) {
    Objects.requireNonNull(detector, "detector");
    if (detector.minValues() < 1) {
      throw new IllegalArgumentException(
          "detector '" + detector.method() + "': minValues must be at least 1");
    }
    if (detector.minValues() > window.maxValues()) {
      throw new IllegalArgumentException(
          "detector '" + detector.method() + "' needs " + detector.minValues()
              + " values but the window holds at most " + window.maxValues());
    }
    if (dims > detector.maxDimensions()) {
      throw new IllegalArgumentException(
          "detector '" + detector.method() + "' takes at most " + detector.maxDimensions()
              + " feature(s), the stage extracts " + dims);
    }
    String stage = name != null ? name : "anomalies-" + detector.method();
    FeatureExtractor<? super T> fn = features;
    int d = dims;
    DetectionWindow w = window;
    long s = seed;
    return keyed.customOperator(
        stage, () -> new DetectionOperator<K, T, M>(fn, d, detector, w, s, all, LATE_EVENTS));
  }

  /**
   * The late events of a detection stage, from its counts: what it emitted to its late side
   * output, connected or not (a detection stage has no other side output).
   */
  public static long lateCount(StageCounts detectionStage) {
    return detectionStage.sideOutput() + detectionStage.sideOutputDropped();
  }
}
