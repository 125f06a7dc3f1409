package dev.sluice.pipeline.internal.stages;

import dev.sluice.cep.anomaly.Anomaly;
import dev.sluice.cep.anomaly.AnomalyDetection;
import dev.sluice.cep.anomaly.DetectionWindow;
import dev.sluice.cep.anomaly.Detector;
import dev.sluice.cep.anomaly.Detectors;
import dev.sluice.cep.anomaly.FeatureExtractor;
import dev.sluice.cep.anomaly.IqrDetector;
import dev.sluice.cep.anomaly.IsolationForestDetector;
import dev.sluice.cep.anomaly.ZScoreDetector;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code anomaly}: engine-cep's anomaly detection ({@code dev.sluice.cep.anomaly}) per key, on one
 * numeric field ({@code field}) or several ({@code features}, isolation forest), with a z-score,
 * IQR or isolation-forest detector. Emits, per anomalous value (or per scored value with {@code
 * "emit": "scores"}), the key fields, {@code timestamp}, {@code value}, {@code score}, {@code
 * threshold}, {@code method} and {@code anomalous}. A missing (null) or non-finite value is an
 * error of the stage, handled by its {@code onError}.
 */
public final class AnomalyStage implements StageFactory {
  private static final List<String> OUTPUT =
      List.of("timestamp", "value", "score", "threshold", "method", "anomalous");

  @Override
  public String type() {
    return "anomaly";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "per-key anomaly detection (zscore, iqr, isolation-forest) over a numeric field";
  }

  @Override
  public CompiledStage compile(StageConfig c, RecordSchema input) {
    int before = c.problemCount();
    KeyFields key = KeyFields.compile(c, input);
    if (key != null && key.isEmpty()) {
      c.problem("keyBy", "missing field 'keyBy': the fields whose values each have their own "
          + "window and model (e.g. \"sensorId\")");
      key = null;
    }
    int[] slots = features(c, input);
    DetectionWindow window = window(c);
    long seed = c.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    boolean scores = "scores".equals(c.choice("emit", "anomalies", List.of("anomalies", "scores")));
    Detector<?> detector = detector(c);
    if (key == null || slots == null || window == null || detector == null
        || c.problemCount() != before) {
      return null;
    }
    if (slots.length > detector.maxDimensions()) {
      c.problem("features", "the " + detector.method() + " detector takes " + detector.maxDimensions()
          + " value; several features need \"isolation-forest\"");
      return null;
    }
    if (detector.minValues() > window.maxValues()) {
      c.problem("window", "the detector needs " + detector.minValues()
          + " values before it scores, but the window holds at most " + window.maxValues());
      return null;
    }
    RecordSchema.Builder b = RecordSchema.builder();
    key.addTo(b);
    for (String f : OUTPUT) {
      if (b.has(f)) {
        c.problem("keyBy", "'" + f + "' is a field of the stage's output; rename the key field");
        return null;
      }
    }
    b.add("timestamp", FieldType.LONG).add("value", FieldType.DOUBLE).add("score", FieldType.DOUBLE)
        .add("threshold", FieldType.DOUBLE).add("method", FieldType.STRING)
        .add("anomalous", FieldType.BOOLEAN);
    RecordSchema out = b.build();
    KeyFields k = key;
    int keyCount = key.slots.length;
    List<String> names = slots.length == 1 ? List.of(input.name(slots[0]))
        : java.util.Arrays.stream(slots).mapToObj(input::name).toList();
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        FeatureExtractor<Record> fx = (r, o) -> {
          for (int i = 0; i < slots.length; i++) {
            Object v = r.get(slots[i]);
            if (v == null) {
              throw new IllegalArgumentException("the field '" + names.get(i) + "' is missing");
            }
            o[i] = ((Number) v).doubleValue();
          }
        };
        AnomalyDetection<Object, Record> d =
            AnomalyDetection.ofFeatures(in.keyBy(k.keyFunction()), slots.length, fx)
                .window(window).seed(seed).named(settings.name());
        Stage<Anomaly<Object>> found = scores ? d.scores(detector) : d.detect(detector);
        settings.applyTo(found);
        return found.map(a -> {
          Object[] v = new Object[out.size()];
          k.unpack(a.key(), v, 0);
          v[keyCount] = a.timestamp();
          v[keyCount + 1] = a.value();
          v[keyCount + 2] = a.score();
          v[keyCount + 3] = a.threshold();
          v[keyCount + 4] = a.method();
          v[keyCount + 5] = a.anomalous();
          return new Record(out, v);
        }).named(settings.auxiliaryName("record"));
      }

      @Override
      public boolean keyed() {
        return true;
      }

      @Override
      public String describe() {
        return detector + " on " + names + " by " + k.names + ", " + window
            + (scores ? ", every score" : "");
      }
    };
  }

  /** {@code field} or {@code features}: numeric slots; null (reported) if wrong. */
  private static int[] features(StageConfig c, RecordSchema input) {
    if (c.has("field") == c.has("features")) {
      c.problem(c.has("field") ? "features" : "field", c.has("field")
          ? "give either 'field' or 'features', not both"
          : "missing field 'field': the numeric field to score (or 'features': a list of them)");
      return null;
    }
    if (c.has("field")) {
      String f = c.field("field", input, FieldType.LONG, FieldType.DOUBLE);
      return f == null ? null : new int[] {input.slot(f)};
    }
    List<String> names = c.strings("features");
    int before = c.problemCount();
    if (names.isEmpty() || names.size() > 255) {
      c.problem("features", "give 1 to 255 numeric fields");
      return null;
    }
    int[] slots = new int[names.size()];
    for (int i = 0; i < slots.length; i++) {
      if (c.checkField(c.get("features"), names.get(i), input, FieldType.LONG, FieldType.DOUBLE)) {
        slots[i] = input.slot(names.get(i));
      }
    }
    return c.problemCount() == before ? slots : null;
  }

  /** {@code window}: {@code {"values": n}} or {@code {"duration": d, "maxValues": n}}; default 100 values. */
  private static DetectionWindow window(StageConfig c) {
    StageConfig w = c.object("window");
    if (w == null) {
      return c.has("window") ? null : DetectionWindow.lastValues(100);
    }
    int before = w.problemCount();
    if (w.has("values") == w.has("duration")) {
      w.problem(w.has("values") ? "duration" : "values", w.has("values")
          ? "give either 'values' or 'duration', not both"
          : "missing field 'values' (the last n values of the key) or 'duration' (the values of the last span of event time)");
      return null;
    }
    if (w.has("values")) {
      long n = w.longValue("values", 1, DetectionWindow.MAX_VALUES);
      return w.problemCount() == before ? DetectionWindow.lastValues((int) n) : null;
    }
    long span = w.millis("duration", 1);
    long max = w.longValue("maxValues", 1000, 1, DetectionWindow.MAX_VALUES);
    return w.problemCount() == before
        ? DetectionWindow.lastDuration(Duration.ofMillis(span), (int) max) : null;
  }

  /** {@code detector}: {@code {"type": "zscore" | "iqr" | "isolation-forest", ...parameters}}. */
  private static Detector<?> detector(StageConfig c) {
    StageConfig d = c.object("detector");
    if (d == null) {
      if (!c.has("detector")) {
        c.problem("detector", "missing field 'detector', e.g. {\"type\": \"zscore\", \"threshold\": 3}");
      }
      return null;
    }
    String type = d.choice("type", null, List.of("zscore", "iqr", "isolation-forest"));
    if (type == null) {
      if (!d.has("type")) {
        d.problem("type", "missing field 'type': zscore, iqr or isolation-forest");
      }
      return null;
    }
    int before = d.problemCount();
    Detector<?> det = switch (type) {
      case "zscore" -> {
        ZScoreDetector z = Detectors.zScore();
        z = set(d, "threshold", z, x -> x.threshold(d.doubleValue("threshold", 3, 0, Double.MAX_VALUE)));
        yield set(d, "minValues", z, x -> x.minValues((int) d.longValue("minValues", 10, 0, Integer.MAX_VALUE)));
      }
      case "iqr" -> {
        IqrDetector q = Detectors.iqr();
        q = set(d, "threshold", q, x -> x.threshold(d.doubleValue("threshold", 1.5, 0, Double.MAX_VALUE)));
        yield set(d, "minValues", q, x -> x.minValues((int) d.longValue("minValues", 10, 0, Integer.MAX_VALUE)));
      }
      default -> {
        IsolationForestDetector f = Detectors.isolationForest();
        f = set(d, "trees", f, x -> x.trees((int) d.longValue("trees", 50, 1, 4096)));
        f = set(d, "sampleSize", f, x -> x.sampleSize((int) d.longValue("sampleSize", 64, 1, 1 << 16)));
        f = set(d, "retrainEvery", f, x -> x.retrainEvery((int) d.longValue("retrainEvery", 64, 1, Integer.MAX_VALUE)));
        f = set(d, "threshold", f, x -> x.threshold(d.doubleValue("threshold", 0.65, 0, 1)));
        yield set(d, "minValues", f, x -> x.minValues((int) d.longValue("minValues", 64, 0, Integer.MAX_VALUE)));
      }
    };
    return d.problemCount() == before ? det : null;
  }

  /**
   * Applies one parameter if present; the detector's own range check becomes a problem located
   * at the parameter.
   */
  private static <D> D set(StageConfig d, String key, D det, UnaryOperator<D> with) {
    if (!d.has(key)) {
      return det;
    }
    int before = d.problemCount();
    try {
      D next = with.apply(det);
      return d.problemCount() == before ? next : det;
    } catch (IllegalArgumentException e) {
      d.problem(key, e.getMessage());
      return det;
    }
  }
}
