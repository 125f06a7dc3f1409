package dev.sluice.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uniformity: over many independent runs each of the n positions must be sampled about k/n of
 * the time. A chi-squared test over the n inclusion counts, at a fixed seed, must stay below the
 * 0.999 quantile of chi-squared with n-1 degrees of freedom: a biased sampler (for example one
 * that keeps the first k, or favours late items) fails by orders of magnitude.
 */
class ReservoirSamplerTest {
  private static final int N = 200;
  private static final int K = 10;
  private static final int RUNS = 20_000;
  /** chi-squared 0.999 quantile for 199 degrees of freedom. */
  private static final double CRITICAL = 268.5;

  private static double chiSquared(BiFunction<Integer, Long, ReservoirSampler<Integer>> factory) {
    long[] counts = new long[N];
    for (int run = 0; run < RUNS; run++) {
      ReservoirSampler<Integer> s = factory.apply(K, 1000L + run);
      for (int i = 0; i < N; i++) {
        s.offer(i);
      }
      assertThat(s.sample()).hasSize(K).doesNotHaveDuplicates();
      for (int x : s.sample()) {
        counts[x]++;
      }
    }
    double expected = (double) RUNS * K / N;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  @ParameterizedTest
  @ValueSource(strings = {"R", "L"})
  void everyPositionIsEquallyLikely(String algorithm) {
    double chi =
        chiSquared(
            algorithm.equals("R") ? ReservoirSampler::algorithmR : ReservoirSampler::algorithmL);
    assertThat(chi).as("chi-squared of algorithm %s", algorithm).isLessThan(CRITICAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"R", "L"})
  void theTestRejectsABiasedSampler(String ignored) {
    // keeps the first k: the statistic must explode, proving the test can fail
    double chi = chiSquared((k, seed) -> new ReservoirSampler<Integer>() {
      private final java.util.List<Integer> kept = new java.util.ArrayList<>();
      private long seen;

      @Override
      public void offer(Integer item) {
        if (kept.size() < k) {
          kept.add(item);
        }
        seen++;
      }

      @Override
      public java.util.List<Integer> sample() {
        return java.util.List.copyOf(kept);
      }

      @Override
      public long seen() {
        return seen;
      }

      @Override
      public int capacity() {
        return k;
      }

      @Override
      public long randomDraws() {
        return 0;
      }
    });
    assertThat(chi).isGreaterThan(CRITICAL * 10);
  }

  @org.junit.jupiter.api.Test
  void algorithmLDrawsFarFewerRandomNumbers() {
    ReservoirSampler<Integer> r = ReservoirSampler.algorithmR(100, 1);
    ReservoirSampler<Integer> l = ReservoirSampler.algorithmL(100, 1);
    for (int i = 0; i < 1_000_000; i++) {
      r.offer(i);
      l.offer(i);
    }
    assertThat(r.randomDraws()).isEqualTo(1_000_000 - 100);
    // expected about 2k(1 + ln(n/k)) = 2000 draws
    assertThat(l.randomDraws()).isLessThan(5_000);
    assertThat(l.seen()).isEqualTo(1_000_000);
    assertThat(l.sample()).hasSize(100);
  }
}
