package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Percentiles: exact below the limit, within the documented relative error above it. */
class PercentileAggregationsTest {

  static final double[] PS = {0, 1, 25, 50, 75, 90, 99, 99.9, 100};

  /** The nearest-rank percentile of {@code values}, by sorting. */
  static double nearestRank(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    long rank = Math.max(1, (long) Math.ceil(p * sorted.length / 100.0));
    return sorted[(int) rank - 1];
  }

  static Percentiles model(List<Double> values, double[] ps, boolean exact) {
    double[] out = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      out[i] = nearestRank(values, ps[i]);
    }
    return new Percentiles(ps, out, values.size(), exact);
  }

  /**
   * Values with repeats, zeros, negatives or not, over a random range of magnitudes (within the
   * accepted 2^50 ratio).
   */
  static List<Double> randomValues(SplittableRandom random, int n) {
    double scale = Math.pow(10, random.nextInt(-6, 10));
    double decades = random.nextInt(1, 12);
    boolean negatives = random.nextBoolean();
    int distinct = random.nextBoolean() ? 1 + random.nextInt(20) : Integer.MAX_VALUE;
    List<Double> pool = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double v;
      if (pool.size() >= distinct) {
        v = pool.get(random.nextInt(pool.size()));
      } else if (random.nextInt(20) == 0) {
        v = 0;
      } else {
        v = scale * Math.pow(10, random.nextDouble() * decades);
        if (negatives && random.nextBoolean()) {
          v = -v;
        }
        pool.add(v);
      }
      values.add(v);
    }
    return values;
  }

  @Test
  void exactBelowTheLimit() {
    SeededRuns.run(
        "percentiles exact",
        200,
        random -> {
          List<Double> values = randomValues(random, random.nextInt(1500));
          AggregationLaws.exact(
                  Aggregations.percentiles((Double x) -> x, PS), (List<Double> l) -> model(l, PS, true))
              .check(values, random);
          double p = random.nextDouble() * 100;
          AggregationLaws.exact(
                  Aggregations.percentile((Double x) -> x, p), (List<Double> l) -> nearestRank(l, p))
              .check(values, random);
        });
  }

  @Test
  void withinTheRelativeErrorAboveTheLimit() {
    SeededRuns.run(
        "percentiles histogram",
        60,
        random -> {
          int limit = random.nextInt(300);
          List<Double> values = randomValues(random, random.nextInt(3000));
          new AggregationLaws<>(
                  Aggregations.percentilesWithExactLimit((Double x) -> x, limit, PS),
                  (List<Double> l) -> model(l, PS, l.size() <= limit),
                  (expected, actual) -> {
                    assertThat(actual.count()).isEqualTo(expected.count());
                    assertThat(actual.isExact()).isEqualTo(expected.isExact());
                    for (int i = 0; i < PS.length; i++) {
                      double e = expected.value(i);
                      double a = actual.value(i);
                      if (expected.isExact() || Double.isNaN(e)) {
                        assertThat(a).as("p%s", PS[i]).isEqualTo(e);
                      } else {
                        assertThat(Math.abs(a - e))
                            .as("p%s: %s vs exact %s", PS[i], a, e)
                            .isLessThanOrEqualTo(PercentileAccumulator.RELATIVE_ERROR * Math.abs(e));
                      }
                    }
                  })
              .check(values, random);
        });
  }

  @Test
  void histogramResultsDoNotDependOnHowTheStreamWasSplit() {
    SeededRuns.run(
        "percentiles split",
        50,
        random -> {
          List<Double> values = randomValues(random, 500 + random.nextInt(2000));
          var op = Aggregations.percentilesWithExactLimit((Double x) -> x, 100, PS);
          var laws = AggregationLaws.exact(op, l -> null);
          Percentiles whole = op.export(laws.accumulate(values));
          PercentileAccumulator combined = op.create();
          int i = 0;
          while (i < values.size()) {
            int j = Math.min(values.size(), i + 1 + random.nextInt(400));
            op.combine(combined, laws.accumulate(values.subList(i, j)));
            i = j;
          }
          assertThat(op.export(combined)).isEqualTo(whole);
        });
  }

  @Test
  void defaultLimitIsTenThousand() {
    SplittableRandom random = new SplittableRandom(7);
    var op = Aggregations.percentiles((Double x) -> x, 50, 99);
    PercentileAccumulator acc = op.create();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      double v = random.nextDouble() * 1000;
      values.add(v);
      op.accumulate(acc, v);
    }
    assertThat(acc.isExact()).isTrue();
    assertThat(op.export(acc)).isEqualTo(model(values, new double[] {50, 99}, true));
    op.accumulate(acc, 5.0);
    values.add(5.0);
    assertThat(acc.isExact()).isFalse();
    Percentiles approx = op.export(acc);
    assertThat(approx.isExact()).isFalse();
    assertThat(approx.valueAt(99)).isCloseTo(nearestRank(values, 99), org.assertj.core.data.Percentage.withPercentage(0.05));
  }

  @Test
  void minimumAndMaximumStayExactInHistogramMode() {
    var op = Aggregations.percentilesWithExactLimit((Double x) -> x, 0, 0, 100);
    PercentileAccumulator acc = op.create();
    for (double v : new double[] {-1234.567, 3.14159, 98765.4321, 0}) {
      op.accumulate(acc, v);
    }
    assertThat(acc.isExact()).isFalse();
    assertThat(op.export(acc).values()).containsExactly(-1234.567, 98765.4321);
  }

  @Test
  void rejectsValuesItCannotHoldWithoutChangingAnything() {
    var op = Aggregations.percentile((Double x) -> x, 50);
    PercentileAccumulator acc = op.create();
    op.accumulate(acc, 1.0);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e-250, 1e250, 1e16, -2e15}) {
      assertThatThrownBy(() -> op.accumulate(acc, bad))
          .as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("percentile input " + bad);
    }
    op.accumulate(acc, 0.0);
    op.accumulate(acc, 1e15); // within 2^50 of 1.0
    assertThat(acc.count()).isEqualTo(3);

    PercentileAccumulator tiny = op.create();
    op.accumulate(tiny, 1e-3);
    assertThatThrownBy(() -> op.combine(acc, tiny))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("span more than a factor of 2^50");
    assertThat(acc.count()).isEqualTo(3);
    assertThat(op.export(acc)).isEqualTo(1.0);
  }

  @Test
  void rejectsBadPercentilesAndLimitsWhenBuilt() {
    assertThatThrownBy(() -> Aggregations.percentile((Double x) -> x, 100.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percentile must be in 0..100, was 100.5");
    assertThatThrownBy(() -> Aggregations.percentiles((Double x) -> x))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Aggregations.percentilesWithExactLimit((Double x) -> x, -1, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactLimit");
    assertThat(Aggregations.percentile((Double x) -> x, 50).canDeduct()).isFalse();
  }

  @Test
  void emptyGivesNaN() {
    var op = Aggregations.percentiles((Double x) -> x, 50, 90);
    Percentiles p = op.export(op.create());
    assertThat(p.count()).isZero();
    assertThat(p.values()).containsOnly(Double.NaN);
    assertThat(p.toString()).isEqualTo("Percentiles{p50.0=NaN, p90.0=NaN, count=0, exact}");
    assertThatThrownBy(() -> p.valueAt(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was not requested");
  }

  @Test
  void acceptsTheWholeDocumentedRange() {
    SeededRuns.run(
        "percentile range",
        40,
        random -> {
          // nonzero magnitudes anywhere in 2^-700..2^700 spanning up to 2^50, both signs
          int low = random.nextInt(-700, 651);
          List<Double> values = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            double v = Math.scalb(1.0, low) * Math.pow(2, random.nextDouble() * 50);
            values.add(random.nextBoolean() ? -v : v);
          }
          values.add(Math.scalb(1.0, low));
          values.add(Math.scalb(1.0, low + 50));
          var op = Aggregations.percentilesWithExactLimit((Double x) -> x, 0, PS);
          new AggregationLaws<>(
                  op,
                  (List<Double> l) -> model(l, PS, false),
                  (expected, actual) -> {
                    for (int i = 0; i < PS.length; i++) {
                      assertThat(Math.abs(actual.value(i) - expected.value(i)))
                          .isLessThanOrEqualTo(
                              PercentileAccumulator.RELATIVE_ERROR * Math.abs(expected.value(i)));
                    }
                  })
              .check(values, random);
        });
  }
}
