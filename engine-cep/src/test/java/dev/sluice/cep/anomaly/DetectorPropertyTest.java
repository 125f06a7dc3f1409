package dev.sluice.cep.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized property tests: on random streams (several keys, rising timestamps with
 * ties, values with repeats, constant runs and outliers), every value's score from a real job at
 * parallelism 1, 2 and 4 equals a brute-force recomputation over the window as {@link
 * DetectionWindow} defines it — the z-score against exact decimal arithmetic, the IQR and a
 * custom detector against a sort of the window.
 */
class DetectorPropertyTest {

  enum Kind {
    Z_SCORE,
    IQR,
    CUSTOM
  }

  /** A generated case. */
  record Case(
      Kind kind,
      boolean timeWindow,
      int count,
      long spanMillis,
      int minValues,
      double threshold,
      List<Reading> readings) {

    DetectionWindow window() {
      return timeWindow
          ? DetectionWindow.lastDuration(Duration.ofMillis(spanMillis), count)
          : DetectionWindow.lastValues(count);
    }

    Detector<?> detector() {
      return switch (kind) {
        case Z_SCORE -> Detectors.zScore().minValues(minValues).threshold(threshold);
        case IQR -> Detectors.iqr().minValues(minValues).threshold(threshold);
        case CUSTOM -> Detectors.custom("above-max", threshold, minValues, DetectorPropertyTest::aboveMax);
      };
    }
  }

  static double aboveMax(RecentValues window, double x) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < window.size(); i++) {
      max = Math.max(max, window.value(i));
    }
    return x - max;
  }

  static Case generate(Generator g) {
    Kind kind = g.pick(Kind.values());
    boolean time = g.bool();
    int count = g.intBetween(kind == Kind.IQR ? 4 : 2, 40);
    int minValues =
        switch (kind) {
          case Z_SCORE -> g.intBetween(2, Math.max(2, Math.min(count, 6)));
          case IQR -> g.intBetween(4, Math.max(4, Math.min(count, 8)));
          case CUSTOM -> g.intBetween(1, Math.min(count, 4));
        };
    double threshold =
        switch (kind) {
          case Z_SCORE -> g.pick(1.0, 2.0, 3.0);
          case IQR -> g.pick(0.0, 1.5, 3.0);
          case CUSTOM -> g.pick(0.0, 5.0);
        };
    int keys = g.intBetween(1, 5);
    int n = g.intBetween(20, 400);
    List<Reading> readings = new ArrayList<>(n);
    long t = g.longBetween(0, 1000);
    double[] run = new double[keys];
    int[] runLeft = new int[keys];
    for (int i = 0; i < n; i++) {
      t += g.chance(0.3) ? 0 : g.intBetween(1, 6);
      int k = g.intBetween(0, keys - 1);
      double v;
      if (runLeft[k] > 0) {
        runLeft[k]--;
        v = run[k];
      } else if (g.chance(0.05)) {
        runLeft[k] = g.intBetween(3, 30);
        v = run[k] = g.decimalBetween(-5, 5, 1);
      } else if (g.chance(0.04)) {
        v = g.decimalBetween(-1000, 1000, 2);
      } else {
        v = g.decimalBetween(-20, 20, g.intBetween(0, 3));
      }
      readings.add(new Reading("k" + k, t, v));
    }
    return new Case(kind, time, count, g.intBetween(1, 60), minValues, threshold, readings);
  }

  /** What a value's score is: (timestamp, value, score, anomalous) per key, in order. */
  record Scored(long time, double value, double score, boolean anomalous) {}

  static Map<String, List<Scored>> reference(Case c) {
    Map<String, List<Reading>> history = new HashMap<>();
    Map<String, List<Scored>> out = new LinkedHashMap<>();
    for (Reading r : c.readings()) {
      List<Reading> h = history.computeIfAbsent(r.sensor(), k -> new ArrayList<>());
      List<Reading> window = new ArrayList<>();
      for (Reading p : h) {
        if (!c.timeWindow() || p.time() > r.time() - c.spanMillis()) {
          window.add(p);
        }
      }
      if (window.size() > c.count()) {
        window = window.subList(window.size() - c.count(), window.size());
      }
      if (window.size() >= c.minValues()) {
        double[] values = window.stream().mapToDouble(Reading::value).toArray();
        double score =
            switch (c.kind()) {
              case Z_SCORE -> zScore(values, r.value());
              case IQR -> iqrScore(values, r.value());
              case CUSTOM -> r.value() - Arrays.stream(values).max().orElseThrow();
            };
        out.computeIfAbsent(r.sensor(), k -> new ArrayList<>())
            .add(new Scored(r.time(), r.value(), score, score > c.threshold()));
      }
      h.add(r);
    }
    return out;
  }

  /**
   * The z-score from exact sums: with {@code S} the sum and {@code Q = n sum(v^2) - S^2} ({@code n}
   * times the sum of squared deviations), both exact in decimal arithmetic, the score is {@code
   * (|n x - S| / n) / sqrt(Q / (n (n - 1)))}; rounding happens only in the last steps.
   */
  static double zScore(double[] values, double x) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (double v : values) {
      BigDecimal b = new BigDecimal(v);
      sum = sum.add(b);
      squares = squares.add(b.multiply(b));
    }
    BigDecimal n = BigDecimal.valueOf(values.length);
    BigDecimal q = n.multiply(squares).subtract(sum.multiply(sum));
    BigDecimal distanceTimesN = n.multiply(new BigDecimal(x)).subtract(sum).abs();
    if (q.signum() == 0) {
      return distanceTimesN.signum() == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    double variance =
        q.divide(n.multiply(n.subtract(BigDecimal.ONE)), MathContext.DECIMAL128).doubleValue();
    return distanceTimesN.divide(n, MathContext.DECIMAL128).doubleValue() / Math.sqrt(variance);
  }

  static double iqrScore(double[] values, double x) {
    double[] s = values.clone();
    Arrays.sort(s);
    double q1 = typeSeven(s, 0.25);
    double q3 = typeSeven(s, 0.75);
    double outside = x < q1 ? q1 - x : x > q3 ? x - q3 : 0;
    if (outside == 0) {
      return 0;
    }
    return q3 == q1 ? Double.POSITIVE_INFINITY : outside / (q3 - q1);
  }

  static double typeSeven(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) h;
    return lo + 1 >= sorted.length ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  static Map<String, List<Scored>> actual(Case c, int parallelism) throws Exception {
    Detector<?> detector = c.detector();
    Jobs.Result r =
        Jobs.run(
            c.readings(),
            parallelism,
            keyed ->
                AnomalyDetection.of(keyed, Reading::value)
                    .window(c.window())
                    .named("detect")
                    .scores(detector));
    assertThat(AnomalyDetection.lateCount(r.counts())).as("late events").isZero();
    Map<String, List<Scored>> out = new LinkedHashMap<>();
    for (Anomaly<String> a : r.anomalies()) {
      assertThat(a.method()).isEqualTo(detector.method());
      assertThat(a.threshold()).isEqualTo(c.threshold());
      out.computeIfAbsent(a.key(), k -> new ArrayList<>())
          .add(new Scored(a.timestamp(), a.value(), a.score(), a.anomalous()));
    }
    return out;
  }

  static void check(Case c, Map<String, List<Scored>> expected, Map<String, List<Scored>> got, int p) {
    assertThat(got.keySet()).as("keys with scores at parallelism %d", p).isEqualTo(expected.keySet());
    for (String key : expected.keySet()) {
      List<Scored> e = expected.get(key);
      List<Scored> a = got.get(key);
      assertThat(a).as("scores of key %s at parallelism %d: %s expected %s", key, p, a, e).hasSameSizeAs(e);
      for (int i = 0; i < e.size(); i++) {
        Scored x = e.get(i);
        Scored y = a.get(i);
        String where = c.kind() + (c.timeWindow() ? " time " + c.spanMillis() + "ms max " : " count ") + c.count() + " min " + c.minValues() + ", key " + key + " value #" + i + " " + x + " at parallelism " + p + ": " + y + ", history " + history(c, key, x.time());
        assertThat(y.time()).as(where).isEqualTo(x.time());
        assertThat(y.value()).as(where).isEqualTo(x.value());
        if (Double.isInfinite(x.score())) {
          assertThat(y.score()).as(where).isEqualTo(x.score());
        } else {
          assertThat(Math.abs(y.score() - x.score()))
              .as(where)
              .isLessThanOrEqualTo(1e-8 * Math.max(1, Math.abs(x.score())));
        }
        boolean nearThreshold = Math.abs(x.score() - c.threshold()) <= 1e-8 * Math.max(1, c.threshold());
        if (!nearThreshold) {
          assertThat(y.anomalous()).as(where).isEqualTo(x.anomalous());
        }
      }
    }
  }

  static String history(Case c, String key, long upTo) {
    StringBuilder sb = new StringBuilder();
    for (Reading r : c.readings()) {
      if (r.sensor().equals(key) && r.time() <= upTo) {
        sb.append(r.time()).append(':').append(r.value()).append(' ');
      }
    }
    return sb.toString();
  }

  @Test
  void scoresEqualABruteForceRecomputationAtParallelismOneTwoAndFour() {
    SeededRuns.forAll(
        30,
        DetectorPropertyTest::generate,
        c -> {
          Map<String, List<Scored>> expected = reference(c);
          for (int p : new int[] {1, 2, 4}) {
            check(c, expected, actual(c, p), p);
          }
        });
  }
}
