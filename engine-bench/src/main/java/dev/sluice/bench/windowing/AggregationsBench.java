package dev.sluice.bench.windowing;

import dev.sluice.bench.core.Bid;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.aggregate.DoubleSumAccumulator;
import dev.sluice.windowing.aggregate.Aggregations;
import dev.sluice.windowing.aggregate.LongSumAccumulator;
import dev.sluice.windowing.aggregate.PercentileAccumulator;
import dev.sluice.windowing.aggregate.VarianceAccumulator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of accumulating one event with the numeric aggregations, through the {@link
 * AggregateOperation} interface as a window or rolling aggregate calls it, beside a hand-written
 * loop doing the same arithmetic on local variables. Run with {@code -prof gc}: the numeric
 * operations must allocate nothing per event (the accumulator created per invocation is spread
 * over {@value #N} events).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AggregationsBench {
  static final int N = 1 << 16;

  Bid[] bids;
  AggregateOperation<Bid, LongSumAccumulator, Long> summingLong;
  AggregateOperation<Bid, LongSumAccumulator, Double> averagingLong;
  AggregateOperation<Bid, DoubleSumAccumulator, Double> averagingDouble;
  AggregateOperation<Bid, VarianceAccumulator, Double> variance;
  AggregateOperation<Bid, PercentileAccumulator, Double> percentile;

  @Setup(Level.Trial)
  public void setup() {
    bids = Bid.generate(N, 11);
    summingLong = Aggregations.summingLong(b -> b.price);
    averagingLong = Aggregations.averagingLong(b -> b.price);
    averagingDouble = Aggregations.averagingDouble(b -> b.price);
    variance = Aggregations.variance(b -> b.price);
    percentile = Aggregations.percentile(b -> b.price, 99);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long summingLong() {
    AggregateOperation<Bid, LongSumAccumulator, Long> op = summingLong;
    LongSumAccumulator acc = op.create();
    for (Bid b : bids) {
      op.accumulate(acc, b);
    }
    return acc.sumExact();
  }

  /** Hand-written: a plain {@code long} sum (which, unlike the operation, wraps on overflow). */
  @Benchmark
  @OperationsPerInvocation(N)
  public long summingLongByHand() {
    long sum = 0;
    for (Bid b : bids) {
      sum += b.price;
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double averagingLong() {
    AggregateOperation<Bid, LongSumAccumulator, Double> op = averagingLong;
    LongSumAccumulator acc = op.create();
    for (Bid b : bids) {
      op.accumulate(acc, b);
    }
    return acc.mean();
  }

  /** Hand-written: a {@code long} sum and a count. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double averagingLongByHand() {
    long sum = 0;
    long count = 0;
    for (Bid b : bids) {
      sum += b.price;
      count++;
    }
    return (double) sum / count;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double averagingDouble() {
    AggregateOperation<Bid, DoubleSumAccumulator, Double> op = averagingDouble;
    DoubleSumAccumulator acc = op.create();
    for (Bid b : bids) {
      op.accumulate(acc, b);
    }
    return acc.mean();
  }

  /** Hand-written: the same Kahan-compensated sum and a count. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double averagingDoubleByHand() {
    double sum = 0;
    double compensation = 0;
    long count = 0;
    for (Bid b : bids) {
      double y = b.price - compensation;
      double t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
      count++;
    }
    return sum / count;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double variance() {
    AggregateOperation<Bid, VarianceAccumulator, Double> op = variance;
    VarianceAccumulator acc = op.create();
    for (Bid b : bids) {
      op.accumulate(acc, b);
    }
    return acc.populationVariance();
  }

  /** Hand-written: the same shifted Welford update on local variables. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double varianceByHand() {
    long n = 0;
    double shift = bids[0].price;
    double mean = 0;
    double m2 = 0;
    for (Bid b : bids) {
      double d = b.price - shift;
      n++;
      double delta = d - mean;
      mean += delta / n;
      m2 += delta * (d - mean);
    }
    return m2 / n;
  }

  /**
   * Percentile: 10,000 exact values, then the switch to histograms and {@code N - 10,000}
   * histogram records (the switch allocates the histograms once per accumulator).
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public double percentile() {
    AggregateOperation<Bid, PercentileAccumulator, Double> op = percentile;
    PercentileAccumulator acc = op.create();
    for (Bid b : bids) {
      op.accumulate(acc, b);
    }
    return acc.count();
  }
}
