package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Variance and standard deviation against an exact computation on adversarial data: a large
 * offset (up to 10^10) plus small noise, occasional outliers, random splits. The reference is
 * exact rational arithmetic, so it stands in for (and is more exact than) any two-pass
 * computation in floating point.
 */
class VarianceAggregationsTest {

  static final MathContext MC = new MathContext(80);
  static final double EPSILON = 0x1p-53;

  /**
   * Exact Σ(x − mean)², computed as (n·Σx² − (Σx)²) / n in exact decimal arithmetic (the inputs
   * are exact binary fractions, so every sum and product here is exact; only the final division
   * rounds, to 80 digits).
   */
  static BigDecimal exactSumOfSquares(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (double v : values) {
      BigDecimal x = new BigDecimal(v);
      sum = sum.add(x);
      squares = squares.add(x.multiply(x));
    }
    BigDecimal n = BigDecimal.valueOf(values.size());
    return n.multiply(squares).subtract(sum.multiply(sum)).divide(n, MC);
  }

  static double exactVariance(List<Double> values, boolean sample) {
    int n = values.size();
    if (n == 0 || (sample && n < 2)) {
      return Double.NaN;
    }
    return exactSumOfSquares(values).divide(BigDecimal.valueOf(sample ? n - 1 : n), MC).doubleValue();
  }

  static List<Double> adversarial(SplittableRandom random) {
    int n = 1 + random.nextInt(2000);
    double offset =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> 1e9;
          case 2 -> -random.nextDouble(1e9, 1e10);
          default -> random.nextDouble(-1e3, 1e3);
        };
    double sigma = Math.pow(10, random.nextDouble(-3, 3));
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double noise = random.nextBoolean() ? random.nextGaussian() : random.nextDouble(-1, 1);
      values.add(offset + sigma * noise);
    }
    if (random.nextInt(4) == 0) {
      int outliers = 1 + random.nextInt(3);
      for (int k = 0; k < outliers; k++) {
        values.set(random.nextInt(n), offset + random.nextDouble(-1e6, 1e6));
      }
    }
    if (random.nextInt(10) == 0) {
      // all equal: the variance is exactly 0
      double v = values.get(0);
      values.replaceAll(x -> v);
    }
    return values;
  }

  /** Asserts the documented bound: relative error at most n · 2^-53 (exactly 0 when it is 0). */
  static void withinBound(int n, double expected, double actual) {
    if (Double.isNaN(expected)) {
      assertThat(actual).isNaN();
    } else if (expected == 0) {
      assertThat(actual).isZero();
    } else {
      assertThat(Math.abs(actual - expected) / expected)
          .as("relative error of %s against exact %s (n=%s)", actual, expected, n)
          .isLessThanOrEqualTo(n * EPSILON);
    }
  }

  @Test
  void varianceMatchesAnExactTwoPassComputationOnAdversarialData() {
    SeededRuns.run(
        "variance vs two-pass",
        1000,
        random -> {
          List<Double> values = adversarial(random);
          ToDoubleFunction<Double> id = x -> x;
          new AggregationLaws<>(
                  Aggregations.variance(id),
                  (List<Double> l) -> exactVariance(l, false),
                  (expected, actual) -> withinBound(values.size(), expected, actual))
              .check(values, random);
          new AggregationLaws<>(
                  Aggregations.sampleVariance(id),
                  (List<Double> l) -> exactVariance(l, true),
                  (expected, actual) -> withinBound(values.size(), expected, actual))
              .check(values, random);
        });
  }

  @Test
  void standardDeviationsAreSquareRootsOfTheVariances() {
    SeededRuns.run(
        "stddev vs two-pass",
        300,
        random -> {
          List<Double> values = adversarial(random);
          ToDoubleFunction<Double> id = x -> x;
          new AggregationLaws<>(
                  Aggregations.stddev(id),
                  (List<Double> l) -> Math.sqrt(exactVariance(l, false)),
                  (expected, actual) -> withinBound(values.size(), expected, actual))
              .check(values, random);
          new AggregationLaws<>(
                  Aggregations.sampleStddev(id),
                  (List<Double> l) -> Math.sqrt(exactVariance(l, true)),
                  (expected, actual) -> withinBound(values.size(), expected, actual))
              .check(values, random);
        });
  }

  @Test
  void aNaiveSumOfSquaresFailsWhereWelfordHolds() {
    // 1e9 + {0, 1, 2}: variance 2/3; the textbook Σx²/n − mean² loses every digit here
    List<Double> values = List.of(1e9, 1e9 + 1, 1e9 + 2);
    double sum = 0;
    double squares = 0;
    for (double v : values) {
      sum += v;
      squares += v * v;
    }
    double naive = squares / 3 - (sum / 3) * (sum / 3);
    assertThat(Math.abs(naive - 2.0 / 3)).isGreaterThan(0.1);

    var op = Aggregations.variance((Double x) -> x);
    VarianceAccumulator acc = op.create();
    values.forEach(v -> op.accumulate(acc, v));
    assertThat(op.export(acc)).isEqualTo(2.0 / 3);
    assertThat(acc.mean()).isEqualTo(1e9 + 1);
  }

  @Test
  void edgeCases() {
    var sample = Aggregations.sampleVariance((Double x) -> x);
    VarianceAccumulator acc = sample.create();
    assertThat(sample.export(acc)).isNaN();
    sample.accumulate(acc, 5.0);
    assertThat(sample.export(acc)).isNaN();
    assertThat(acc.populationVariance()).isZero();
    sample.accumulate(acc, Double.NaN);
    assertThat(sample.export(acc)).isNaN();
    assertThat(sample.canDeduct()).isFalse();
    assertThat(Aggregations.stddev((Double x) -> x).canDeduct()).isFalse();
  }
}
