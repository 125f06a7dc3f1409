package dev.sluice.cep.anomaly.internal;

import dev.sluice.cep.anomaly.Anomaly;
import dev.sluice.cep.anomaly.DetectionWindow;
import dev.sluice.cep.anomaly.Detector;
import dev.sluice.cep.anomaly.FeatureExtractor;
import dev.sluice.core.Timestamps;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.ValueStateDescriptor;

/**
 * The keyed detection operator: per key a {@link KeyWindow} in managed value state; scores each
 * value against it, emits an {@link Anomaly} for anomalous values (or every scored value), and
 * for a time window releases the key's state with one event-time timer per key.
 */
public final class DetectionOperator<K, T, M> implements KeyedOperator<K, T, Anomaly<K>> {
  private final FeatureExtractor<? super T> features;
  private final int dims;
  private final Detector<M> detector;
  private final DetectionWindow window;
  private final long seed;
  private final boolean emitAll;
  private final OutputTag<Object> lateTag;

  private KeyedOperatorContext<K> context;
  private KeyedState<K, KeyWindow<M>> windows;
  private Output<Object> late;
  /** Scratch for the features of the event being processed; holds nothing between calls. */
  private double[] point;

  public DetectionOperator(
      FeatureExtractor<? super T> features,
      int dims,
      Detector<M> detector,
      DetectionWindow window,
      long seed,
      boolean emitAll,
      OutputTag<Object> lateTag) {
    this.features = features;
    this.dims = dims;
    this.detector = detector;
    this.window = window;
    this.seed = seed;
    this.emitAll = emitAll;
    this.lateTag = lateTag;
  }

  /** The seed of {@code key}'s model: the stage's seed mixed with the key's stable hash. */
  public static long keySeed(long stageSeed, Object key) {
    return SplitMix.mix(stageSeed ^ SplitMix.mix(0x632be59bd9b4e019L + KeyGroups.stableHash(key)));
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.windows =
        context.state(
            ValueStateDescriptor.of(
                "detection-window", new KeyWindowCodec<>(detector, window.maxValues(), dims)));
    point = new double[dims];
    if (window.isTimeBased()) {
      late = context.sideOutput(lateTag);
    }
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<Anomaly<K>> output) {
    double[] p = point;
    features.features(event, p);
    for (int d = 0; d < dims; d++) {
      if (!Double.isFinite(p[d])) {
        throw new IllegalArgumentException(
            "anomaly detection '" + context.stageName() + "': the "
                + (dims == 1 ? "value" : "feature " + d) + " of key " + key + " at " + timestamp
                + " is " + p[d] + "; detectors take finite values");
      }
    }
    double x = p[0];
    long span = window.spanMillis();
    if (span > 0 && timestamp == Timestamps.NONE) {
      throw new IllegalArgumentException(
          "anomaly detection '" + context.stageName() + "': an event of key " + key
              + " has no timestamp; a time window needs event time (add withTimestamps upstream)");
    }
    if (span > 0 && timestamp <= context.currentWatermark()) {
      late.emit(event);
      return;
    }
    KeyWindow<M> w = windows.getForUpdate(key);
    if (w == null) {
      w = new KeyWindow<>(window.maxValues(), dims, keySeed(seed, key));
      w.model = detector.newModel(w.seed, w);
      windows.put(key, w);
    }
    if (timestamp > w.clock) {
      w.clock = timestamp;
    }
    if (span > 0) {
      long cutoff = w.clock - span;
      while (w.size > 0 && w.oldestTime() <= cutoff) {
        evictOldest(w);
      }
    }
    double score = Double.NaN;
    if (w.size >= detector.minValues()) {
      score = dims == 1 ? detector.score(w.model, w, x) : detector.score(w.model, w, p);
    }
    if (w.isFull()) {
      evictOldest(w);
    }
    w.append(p, timestamp);
    detector.onAdd(w.model, w);
    if (span > 0 && w.timer == Long.MIN_VALUE) {
      w.timer = expiry(w.clock, span);
      context.timers().registerEventTimeTimer(key, w.timer);
    }
    if (!Double.isNaN(score)) {
      boolean anomalous = detector.isAnomaly(score);
      if (anomalous || emitAll) {
        output.emit(
            new Anomaly<>(key, timestamp, x, score, detector.threshold(), detector.method(), anomalous));
      }
    }
  }

  private static long expiry(long clock, long span) {
    long t = clock + span;
    return t < clock ? Long.MAX_VALUE : t; // saturate
  }

  private void evictOldest(KeyWindow<M> w) {
    double v = w.oldestValue();
    long t = w.oldestTime();
    w.removeOldest();
    detector.onEvict(w.model, v, t, w);
  }

  @Override
  public void onTimer(K key, long time, Output<Anomaly<K>> output) {
    KeyWindow<M> w = windows.getForUpdate(key);
    if (w == null) {
      return;
    }
    long due = expiry(w.clock, window.spanMillis());
    if (due > time) {
      w.timer = due; // newer values arrived since: wait for them to expire
      context.timers().registerEventTimeTimer(key, due);
    } else {
      windows.remove(key); // every value expired
    }
  }
}
