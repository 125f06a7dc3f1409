package dev.sluice.cep.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measured detection quality on synthetic series with injected outliers: precision and recall of
 * every detector through a real job, and the AUC of the isolation forest on the standard
 * Gaussian-cluster-plus-uniform-outliers set. The figures are printed (docs/cep.md quotes them);
 * the bounds asserted are below what each method reaches on these seeded sets.
 *
 * <p>{@code -Dsweep=1} also prints precision and recall at a range of thresholds; {@code -Dwin=n}
 * and {@code -Dwin2=n} change the window of the univariate and two-feature runs (defaults 100
 * and 256, the ones docs/cep.md quotes).
 */
class DetectorQualityTest {

  /** A labelled series: readings and the (sensor, time) of the injected outliers. */
  record Series(List<Reading> readings, Set<String> outliers) {
    boolean isOutlier(Anomaly<String> a) {
      return outliers.contains(a.key() + "@" + a.timestamp());
    }
  }

  /**
   * Five sensors, 4000 readings each: a slow sine (amplitude 2) plus N(0, 1) noise, and with
   * probability 1 % an injected outlier: the reading shifted by 5 to 10 standard deviations up or
   * down.
   */
  static Series series(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Reading> readings = new ArrayList<>();
    Set<String> outliers = new HashSet<>();
    for (int t = 0; t < 4000; t++) {
      for (int s = 0; s < 5; s++) {
        String sensor = "sensor-" + s;
        double v = 20 + 5 * s + 2 * Math.sin(2 * Math.PI * t / 500.0 + s) + r.nextGaussian();
        if (r.nextDouble() < 0.01) {
          v += (r.nextBoolean() ? 1 : -1) * (5 + 5 * r.nextDouble());
          outliers.add(sensor + "@" + t);
        }
        readings.add(new Reading(sensor, t, v));
      }
    }
    return new Series(readings, outliers);
  }

  /** Precision, recall and AUC of one detector's scores on a series. */
  record Quality(String method, int scored, int outliers, int truePositives, int flagged, double auc) {
    double precision() {
      return flagged == 0 ? 0 : (double) truePositives / flagged;
    }

    double recall() {
      return outliers == 0 ? 0 : (double) truePositives / outliers;
    }

    @Override
    public String toString() {
      return String.format(
          "%-17s scored %5d, outliers %3d, flagged %3d: precision %.3f, recall %.3f, AUC %.4f",
          method, scored, outliers, flagged, precision(), recall(), auc);
    }
  }

  static Quality measure(Series s, Detector<?> detector) throws Exception {
    Jobs.Result result =
        Jobs.run(
            s.readings(),
            2,
            keyed ->
                AnomalyDetection.of(keyed, Reading::value)
                    .window(DetectionWindow.lastValues(Integer.getInteger("win", 100)))
                    .seed(11)
                    .named("detect")
                    .scores(detector));
    return quality(s, detector, result.anomalies());
  }

  static Quality quality(Series s, Detector<?> detector, List<Anomaly<String>> scores) {
    int outliers = 0;
    int tp = 0;
    int flagged = 0;
    double[] scoreOf = new double[scores.size()];
    boolean[] positive = new boolean[scores.size()];
    for (int i = 0; i < scores.size(); i++) {
      Anomaly<String> a = scores.get(i);
      boolean out = s.isOutlier(a);
      scoreOf[i] = a.score();
      positive[i] = out;
      outliers += out ? 1 : 0;
      if (a.anomalous()) {
        flagged++;
        tp += out ? 1 : 0;
      }
    }
    Quality q = new Quality(detector.method(), scores.size(), outliers, tp, flagged, auc(scoreOf, positive));
    System.out.println("[detector quality] " + q);
    if (System.getProperty("sweep") != null) {
      for (double th : new double[] {0.55, 0.6, 0.62, 0.65, 0.68, 0.7, 0.72, 0.75, 0.8, 2, 2.5, 3, 3.5, 4, 5}) {
        int f = 0, t = 0;
        for (int i = 0; i < scoreOf.length; i++) {
          if (scoreOf[i] > th) { f++; t += positive[i] ? 1 : 0; }
        }
        System.out.printf("  sweep %s th %.2f: flagged %d precision %.3f recall %.3f%n", detector.method(), th, f, f == 0 ? 0 : (double) t / f, (double) t / outliers);
      }
    }
    return q;
  }

  /**
   * The area under the ROC curve: the probability that a random positive scores above a random
   * negative, ties counting one half (Mann–Whitney U over average ranks).
   */
  static double auc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(scores[order[j + 1]], scores[order[i]]) == 0) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks from 1
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPositive += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  @Test
  void aucHelperIsTheMannWhitneyProbability() {
    assertThat(auc(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
    assertThat(auc(new double[] {4, 3, 2, 1}, new boolean[] {false, false, true, true})).isEqualTo(0.0);
    assertThat(auc(new double[] {1, 1, 1, 1}, new boolean[] {false, true, false, true})).isEqualTo(0.5);
    // positives 2 and 5 against negatives 1, 3, 4: pairs won 1 + 3 of 6
    assertThat(auc(new double[] {1, 2, 3, 4, 5}, new boolean[] {false, true, false, false, true}))
        .isEqualTo(4.0 / 6);
  }

  @Test
  void zScorePrecisionAndRecall() throws Exception {
    Quality q = measure(series(101), Detectors.zScore());
    assertThat(q.outliers()).isGreaterThan(150);
    assertThat(q.precision()).isGreaterThanOrEqualTo(0.65);
    assertThat(q.recall()).isGreaterThanOrEqualTo(0.9);
    Quality strict = measure(series(101), Detectors.zScore().threshold(3.5));
    assertThat(strict.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(strict.recall()).isGreaterThanOrEqualTo(0.85);
    assertThat(q.auc()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void iqrPrecisionAndRecall() throws Exception {
    Quality q = measure(series(101), Detectors.iqr().threshold(1.5));
    assertThat(q.precision()).isGreaterThanOrEqualTo(0.3);
    assertThat(q.recall()).isGreaterThanOrEqualTo(0.95);
    Quality far = measure(series(101), Detectors.iqr().threshold(3));
    assertThat(far.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(far.recall()).isGreaterThanOrEqualTo(0.8);
    assertThat(q.auc()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void isolationForestPrecisionRecallAndAucOnTheSeries() throws Exception {
    // On one feature the forest ranks well, but every value beyond its sample's range shares
    // the shortest path (the forest cannot tell 3 from 10 standard deviations), so at a fixed
    // threshold the tails of the noise are flagged with the outliers: low precision.
    Quality q = measure(series(101), Detectors.isolationForest());
    assertThat(q.auc()).isGreaterThanOrEqualTo(0.9);
    assertThat(q.recall()).isGreaterThanOrEqualTo(0.9);
    assertThat(q.precision()).isGreaterThanOrEqualTo(0.04);
  }

  /**
   * Five sensors with two features each, 2000 readings each: N(0, I) and, with probability 2 %,
   * an outlier uniform on [-6, 6]^2 (the streaming form of the standard set; about 14 % of such
   * outliers fall within 2.5 standard deviations of the centre and are not separable).
   */
  record Point(String sensor, long time, double x, double y) {}

  static List<Point> points(long seed, Set<String> outliers) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Point> points = new ArrayList<>();
    for (int t = 0; t < 2000; t++) {
      for (int s = 0; s < 5; s++) {
        String sensor = "sensor-" + s;
        if (r.nextDouble() < 0.02) {
          points.add(new Point(sensor, t, -6 + 12 * r.nextDouble(), -6 + 12 * r.nextDouble()));
          outliers.add(sensor + "@" + t);
        } else {
          points.add(new Point(sensor, t, r.nextGaussian(), r.nextGaussian()));
        }
      }
    }
    return points;
  }

  @Test
  void isolationForestPrecisionRecallAndAucOnTwoFeatures() throws Exception {
    Set<String> outliers = new HashSet<>();
    List<Point> points = points(303, outliers);
    dev.sluice.core.Pipeline p = dev.sluice.core.Pipeline.create();
    dev.sluice.core.CollectSink<Anomaly<String>> sink = dev.sluice.core.Sinks.collect("out");
    Detector<?> forest = Detectors.isolationForest();
    AnomalyDetection.ofFeatures(
            p.source(dev.sluice.core.Sources.fromList("points", points))
                .withTimestamps(Point::time, 0)
                .keyBy(Point::sensor),
            2,
            (pt, out) -> {
              out[0] = pt.x();
              out[1] = pt.y();
            })
        .window(DetectionWindow.lastValues(Integer.getInteger("win2", 256)))
        .seed(5)
        .named("detect")
        .scores(forest)
        .parallelism(2)
        .sink(sink);
    Jobs.engine().submit(p, "forest-2d").join(java.time.Duration.ofMinutes(2));
    Quality q = quality(new Series(List.of(), outliers), forest, sink.items());
    assertThat(q.auc()).isGreaterThanOrEqualTo(0.9);
    assertThat(q.precision()).isGreaterThanOrEqualTo(0.6);
    assertThat(q.recall()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void isolationForestAucOnGaussianClusterWithUniformOutliers() {
    // the standard set: 1000 points of N(0, I) in 2 dimensions, 50 uniform on [-6, 6]^2
    for (long seed : new long[] {1, 2, 3}) {
      SplittableRandom r = new SplittableRandom(seed);
      int inliers = 1000;
      int outliers = 50;
      double[][] points = new double[inliers + outliers][];
      boolean[] positive = new boolean[points.length];
      for (int i = 0; i < inliers; i++) {
        points[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
      }
      for (int i = inliers; i < points.length; i++) {
        points[i] = new double[] {-6 + 12 * r.nextDouble(), -6 + 12 * r.nextDouble()};
        positive[i] = true;
      }
      IsolationForest forest = IsolationForest.train(points, 100, 256, seed);
      double[] scores = new double[points.length];
      for (int i = 0; i < points.length; i++) {
        scores[i] = forest.score(points[i]);
      }
      double auc = auc(scores, positive);
      System.out.printf("[detector quality] isolation forest, 2-D Gaussian + uniform (seed %d): AUC %.4f%n", seed, auc);
      assertThat(auc).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void isolationForestScoresFollowThePaperOnAKnownCase() {
    // one far point among a tight cluster: isolated near the root, so its score is well above
    // 0.5, while cluster points score below it
    double[][] points = new double[257][];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 256; i++) {
      points[i] = new double[] {r.nextGaussian()};
    }
    points[256] = new double[] {100};
    IsolationForest forest = IsolationForest.train(points, 100, 256, 5);
    assertThat(forest.score(100)).isGreaterThan(0.7);
    assertThat(forest.score(0)).isLessThan(0.5);
    // c(n) as in Liu et al. 2008: c(256) = 2 H(255) - 2 * 255 / 256
    double h255 = Math.log(255) + 0.5772156649015329;
    assertThat(IsolationForest.averagePathLength(256)).isCloseTo(2 * h255 - 2 * 255 / 256.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1);
    assertThat(IsolationForest.averagePathLength(1)).isEqualTo(0);
  }
}
