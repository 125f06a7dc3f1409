package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counting, sums, averages and min/max of primitives against direct computations. */
class NumericAggregationsTest {

  record Reading(long count, double value) {}

  /** Longs from one of several regimes: small, full range, or near the limits (sums overflow). */
  static long randomLong(SplittableRandom random, int regime) {
    return switch (regime) {
      case 0 -> random.nextInt(-5, 6);
      case 1 -> random.nextLong();
      default -> (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + 1) - random.nextInt(3);
    };
  }

  static double randomDouble(SplittableRandom random, int regime) {
    return switch (regime) {
      case 0 -> random.nextInt(-5, 6) * 0.5;
      case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-10, 11));
      case 2 -> 1e9 + random.nextDouble();
      default -> new double[] {-0.0, 0.0, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE}[
          random.nextInt(6)];
    };
  }

  static List<Reading> randomReadings(SplittableRandom random) {
    int n = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(400);
    int longRegime = random.nextInt(3);
    int doubleRegime = random.nextInt(4);
    List<Reading> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new Reading(randomLong(random, longRegime), randomDouble(random, doubleRegime)));
    }
    return items;
  }

  static BigInteger exactSum(List<Reading> items) {
    BigInteger sum = BigInteger.ZERO;
    for (Reading r : items) {
      sum = sum.add(BigInteger.valueOf(r.count()));
    }
    return sum;
  }

  @Test
  void countingCountsAndDeducts() {
    SeededRuns.run(
        "counting",
        300,
        random ->
            AggregationLaws.exact(Aggregations.<Reading>counting(), items -> (long) items.size())
                .check(randomReadings(random), random));
  }

  /** {@code op} exporting null where it throws {@link ArithmeticException}. */
  static AggregateOperation<Reading, LongSumAccumulator, Long> nullWhenItThrows(
      AggregateOperation<Reading, LongSumAccumulator, Long> op) {
    return new AggregateOperation<>() {
      @Override
      public LongSumAccumulator create() {
        return op.create();
      }

      @Override
      public void accumulate(LongSumAccumulator acc, Reading item) {
        op.accumulate(acc, item);
      }

      @Override
      public void combine(LongSumAccumulator acc, LongSumAccumulator other) {
        op.combine(acc, other);
      }

      @Override
      public boolean canDeduct() {
        return op.canDeduct();
      }

      @Override
      public void deduct(LongSumAccumulator acc, LongSumAccumulator other) {
        op.deduct(acc, other);
      }

      @Override
      public Long export(LongSumAccumulator acc) {
        try {
          return op.export(acc);
        } catch (ArithmeticException e) {
          assertThat(e).hasMessage("the sum " + acc.sum() + " does not fit in a long");
          return null;
        }
      }

      @Override
      public StateCodec<LongSumAccumulator> accumulatorCodec() {
        return op.accumulatorCodec();
      }
    };
  }

  @Test
  void summingLongIsExactEvenWhenPartialSumsOverflow() {
    SeededRuns.run(
        "summingLong",
        300,
        random ->
            // the model: the exact sum, or null where it does not fit in a long (export throws)
            AggregationLaws.exact(
                    nullWhenItThrows(Aggregations.summingLong(Reading::count)),
                    (List<Reading> l) -> {
                      BigInteger sum = exactSum(l);
                      return sum.bitLength() < 64 ? sum.longValue() : null;
                    })
                .check(randomReadings(random), random));
  }

  @Test
  void summingLongOverflowsOnlyWhenTheResultDoes() {
    var op = Aggregations.summingLong((Long x) -> x);
    LongSumAccumulator acc = op.create();
    op.accumulate(acc, Long.MAX_VALUE);
    op.accumulate(acc, Long.MAX_VALUE);
    assertThatThrownBy(() -> op.export(acc))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("the sum 18446744073709551614 does not fit in a long");
    op.accumulate(acc, -Long.MAX_VALUE);
    assertThat(op.export(acc)).isEqualTo(Long.MAX_VALUE);
    assertThat(acc.count()).isEqualTo(3);
  }

  @Test
  void averagingLongUsesTheExactSum() {
    SeededRuns.run(
        "averagingLong",
        300,
        random ->
            new AggregationLaws<>(
                    Aggregations.averagingLong(Reading::count),
                    (List<Reading> l) ->
                        l.isEmpty()
                            ? Double.NaN
                            : new BigDecimal(exactSum(l))
                                .divide(BigDecimal.valueOf(l.size()), MathContext.DECIMAL128)
                                .doubleValue(),
                    (expected, actual) -> {
                      if (expected.isNaN()) {
                        assertThat(actual).isNaN();
                      } else {
                        // two roundings: the 128-bit sum to double, then the division
                        assertThat(actual)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(
                                Math.abs(expected) * 0x1p-51 + Double.MIN_VALUE));
                      }
                    })
                .check(randomReadings(random), random));
  }

  @Test
  void summingAndAveragingDoublesStayWithinTheCompensatedBound() {
    SeededRuns.run(
        "summingDouble/averagingDouble",
        300,
        random -> {
          List<Reading> items = randomReadings(random);
          items.removeIf(r -> Math.abs(r.value()) > 1e300); // keep the exact sum finite
          double magnitudes = items.stream().mapToDouble(r -> Math.abs(r.value())).sum();
          // Kahan's bound is about 2 eps per unit of magnitude; combining and deducting parts
          // drops each part's compensation, so allow an eps per item on top
          double bound = (items.size() + 4) * 0x1p-52 * magnitudes;
          new AggregationLaws<>(
                  Aggregations.summingDouble(Reading::value),
                  (List<Reading> l) -> exactDoubleSum(l).doubleValue(),
                  (expected, actual) ->
                      assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(bound))
              .check(items, random);
          new AggregationLaws<>(
                  Aggregations.averagingDouble(Reading::value),
                  (List<Reading> l) ->
                      l.isEmpty()
                          ? Double.NaN
                          : exactDoubleSum(l)
                              .divide(BigDecimal.valueOf(l.size()), MathContext.DECIMAL128)
                              .doubleValue(),
                  (expected, actual) -> {
                    if (expected.isNaN()) {
                      assertThat(actual).isNaN();
                    } else {
                      assertThat(Math.abs(actual - expected))
                          .isLessThanOrEqualTo(bound / Math.max(1, items.size()) * 2);
                    }
                  })
              .check(items, random);
        });
  }

  private static BigDecimal exactDoubleSum(List<Reading> items) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Reading r : items) {
      sum = sum.add(new BigDecimal(r.value()));
    }
    return sum;
  }

  @Test
  void minAndMaxOfLongs() {
    SeededRuns.run(
        "minLong/maxLong",
        300,
        random -> {
          List<Reading> items = randomReadings(random);
          AggregationLaws.exact(
                  Aggregations.minLong(Reading::count),
                  (List<Reading> l) -> l.stream().mapToLong(Reading::count).boxed().min(Long::compare).orElse(null))
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.maxLong(Reading::count),
                  (List<Reading> l) -> l.stream().mapToLong(Reading::count).boxed().max(Long::compare).orElse(null))
              .check(items, random);
        });
  }

  @Test
  void minAndMaxOfDoublesFollowDoubleCompare() {
    SeededRuns.run(
        "minDouble/maxDouble",
        300,
        random -> {
          List<Reading> items = randomReadings(random);
          if (random.nextBoolean() && !items.isEmpty()) {
            items.set(random.nextInt(items.size()), new Reading(0, Double.NaN));
          }
          AggregationLaws.exact(
                  Aggregations.minDouble(Reading::value),
                  (List<Reading> l) -> l.stream().map(Reading::value).min(Double::compare).orElse(null))
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.maxDouble(Reading::value),
                  (List<Reading> l) -> l.stream().map(Reading::value).max(Double::compare).orElse(null))
              .check(items, random);
        });
  }

  @Test
  void signedZerosAndNaN() {
    var min = Aggregations.minDouble((Double x) -> x);
    var max = Aggregations.maxDouble((Double x) -> x);
    OptionalDoubleAccumulator lo = min.create();
    OptionalDoubleAccumulator hi = max.create();
    assertThat(min.export(lo)).isNull();
    for (double x : new double[] {0.0, -0.0, Double.NaN, 1}) {
      min.accumulate(lo, x);
      max.accumulate(hi, x);
    }
    assertThat(Double.doubleToRawLongBits(min.export(lo))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(max.export(hi)).isNaN();
  }

  @Test
  void primitiveAccumulatorsReportMisuse() {
    assertThatThrownBy(() -> new OptionalLongAccumulator().get())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new OptionalDoubleAccumulator().get())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Aggregations.counting().canDeduct()).isTrue();
    assertThat(Aggregations.summingLong((Long x) -> x).canDeduct()).isTrue();
    assertThat(Aggregations.averagingLong((Long x) -> x).canDeduct()).isTrue();
    assertThat(Aggregations.minLong((Long x) -> x).canDeduct()).isFalse();
    assertThat(Aggregations.maxDouble((Double x) -> x).canDeduct()).isFalse();
  }
}
