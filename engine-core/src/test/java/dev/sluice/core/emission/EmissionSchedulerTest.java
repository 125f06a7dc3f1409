package dev.sluice.core.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rate profile on a virtual clock: counts, frames, catch-up, Poisson statistics, stalls. */
class EmissionSchedulerTest {

  /** Drives a reader on a virtual clock, recording each event's emission and intended times. */
  static final class Driver implements SourceOutput<ScheduledEvent<Long>> {
    final VirtualClock clock = new VirtualClock();
    final EmissionSource<Long> source;
    final SourceReader<ScheduledEvent<Long>> reader;
    long count;
    final List<long[]> recorded = new ArrayList<>(); // {emittedAt, intended}
    boolean record;
    long maxLatency;

    Driver(EmissionSettings settings, boolean record) {
      this.source = new EmissionSource<>("gen", settings, n -> n, clock);
      this.reader = source.createReader(0, 1);
      this.record = record;
    }

    @Override
    public void emit(ScheduledEvent<Long> e) {
      throw new AssertionError("events carry timestamps");
    }

    @Override
    public void emit(ScheduledEvent<Long> e, long ts) {
      count++;
      long latency = clock.nanoTime() - e.intendedNanos();
      maxLatency = Math.max(maxLatency, latency);
      if (record) {
        recorded.add(new long[] {clock.nanoTime(), e.intendedNanos()});
      }
    }

    /** Advances in steps of {@code stepNanos} up to {@code untilNanos}, draining each step. */
    boolean run(long untilNanos, long stepNanos) {
      while (clock.nanoTime() < untilNanos) {
        clock.advance(stepNanos);
        if (!drain()) {
          return false;
        }
      }
      return true;
    }

    boolean drain() {
      int n;
      try {
        do {
          n = reader.read(this, 1 << 16);
        } while (n > 0);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return n != SourceReader.END;
    }
  }

  private static final long SECOND = 1_000_000_000L;

  @ParameterizedTest
  @ValueSource(doubles = {1_000, 10_000, 100_000, 1_000_000, 5_000_000})
  void constantRateIsWithinHalfAPercent(double rate) {
    Driver d = new Driver(EmissionSettings.of(RateProfile.constant(rate)).withBurstSize(1 << 16), false);
    d.drain(); // starts the schedule at time 0
    d.run(SECOND, 1_000_000);
    assertThat((double) d.count).isCloseTo(rate, within(rate * 0.005));
  }

  private static double integral(RateProfile p, double seconds) {
    int steps = 100_000;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += p.rateAt((i + 0.5) * seconds / steps);
    }
    return sum * seconds / steps;
  }

  @Test
  void everyProfileFollowsItsRateFunction() {
    List<RateProfile> profiles =
        List.of(
            RateProfile.bursts(10_000, 100_000, Duration.ofMillis(500), Duration.ofMillis(100)),
            RateProfile.ramp(1_000, 200_000, Duration.ofSeconds(2)),
            RateProfile.spike(20_000, 400_000, Duration.ofMillis(700), Duration.ofMillis(300)),
            RateProfile.sine(100_000, 80_000, Duration.ofSeconds(1)));
    for (RateProfile p : profiles) {
      Driver d = new Driver(EmissionSettings.of(p).withBurstSize(1 << 16), false);
      d.drain();
      d.run(2 * SECOND, 1_000_000);
      double expected = integral(p, 2.0);
      assertThat((double) d.count)
          .as(p.describe())
          .isCloseTo(expected, within(expected * 0.005));
    }
  }

  @Test
  void rateAtEachMomentFollowsTheSpike() {
    RateProfile spike = RateProfile.spike(10_000, 100_000, Duration.ofMillis(500), Duration.ofMillis(200));
    Driver d = new Driver(EmissionSettings.of(spike).withBurstSize(1 << 16), false);
    d.drain();
    d.run(SECOND / 2, 1_000_000);
    long before = d.count;
    d.run(SECOND / 2 + SECOND / 5, 1_000_000);
    long during = d.count - before;
    assertThat((double) before).isCloseTo(5_000, within(50.0));
    assertThat((double) during).isCloseTo(20_000, within(200.0));
  }

  @Test
  void poissonInterArrivalsPassAKolmogorovSmirnovTest() {
    double rate = 50_000;
    Driver d = new Driver(EmissionSettings.of(RateProfile.poisson(rate)).withSeed(7), true);
    d.drain();
    d.run(SECOND, 10_000);
    int n = d.recorded.size() - 1;
    double[] gaps = new double[n];
    for (int i = 0; i < n; i++) {
      gaps[i] = (d.recorded.get(i + 1)[1] - d.recorded.get(i)[1]) / 1e9;
    }
    Arrays.sort(gaps);
    double dMax = 0;
    for (int i = 0; i < n; i++) {
      double cdf = 1 - Math.exp(-rate * gaps[i]);
      dMax = Math.max(dMax, Math.max(Math.abs(cdf - (double) i / n), Math.abs((i + 1.0) / n - cdf)));
    }
    // critical value at alpha = 0.01 is 1.63 / sqrt(n)
    assertThat(dMax).isLessThan(1.63 / Math.sqrt(n));
    assertThat((double) d.count).isCloseTo(rate, within(rate * 0.02));
    // and evenly spaced arrivals are rejected by the same test
    double evenD = 0;
    for (int i = 0; i < n; i++) {
      double cdf = 1 - Math.exp(-rate * (1 / rate));
      evenD = Math.max(evenD, Math.abs(cdf - (double) i / n));
    }
    assertThat(evenD).isGreaterThan(1.63 / Math.sqrt(n));
  }

  @Test
  void frameModeReleasesEventsOnlyAtFrameBoundaries() {
    long frame = EmissionSettings.FRAME_60_FPS.toNanos();
    Driver d =
        new Driver(
            EmissionSettings.of(RateProfile.constant(6_000))
                .withTick(EmissionSettings.FRAME_60_FPS)
                .withBurstSize(50),
            true);
    d.drain();
    d.run(SECOND, 1_000_000);
    for (long[] r : d.recorded) {
      long intended = r[1];
      long emittedAt = r[0];
      // released at the first frame boundary at or after its intended time, never before it
      assertThat(emittedAt).isGreaterThanOrEqualTo(intended);
      assertThat(emittedAt - intended).isLessThan(frame + 1_000_000);
    }
    assertThat((double) d.count).isCloseTo(6_000, within(120.0));
  }

  @Test
  void burstCatchUpKeepsIntendedTimesSoAStallShowsInLatency() {
    Driver d = new Driver(EmissionSettings.of(RateProfile.constant(10_000)), true);
    d.drain();
    d.run(SECOND / 10, 1_000_000);
    long beforeStall = d.recorded.size();
    d.clock.advance(SECOND / 2); // the pipeline stalls for 500 ms: nobody reads
    d.drain();
    long stalled = d.recorded.size() - beforeStall;
    assertThat(stalled).isBetween(4_990L, 5_010L);
    // events scheduled during the stall carry latencies spread from ~0 to ~500 ms
    long max = 0;
    long min = Long.MAX_VALUE;
    for (int i = (int) beforeStall; i < d.recorded.size(); i++) {
      long latency = d.recorded.get(i)[0] - d.recorded.get(i)[1];
      max = Math.max(max, latency);
      min = Math.min(min, latency);
    }
    assertThat(max).isGreaterThan(SECOND / 2 - 2_000_000);
    assertThat(min).isLessThan(1_000_000);
    assertThat(d.source.skipped()).isZero();
  }

  @Test
  void skipCatchUpDropsWhatIsTooLateAndCountsIt() {
    Driver d =
        new Driver(
            EmissionSettings.of(RateProfile.constant(10_000))
                .withCatchUp(EmissionSettings.CatchUp.SKIP, Duration.ofMillis(100)),
            false);
    d.drain();
    d.clock.advance(SECOND);
    d.drain();
    assertThat(d.source.skipped()).isBetween(8_990L, 9_010L);
    assertThat(d.count + d.source.skipped()).isBetween(10_000L, 10_002L);
    assertThat(d.maxLatency).isLessThanOrEqualTo(100_000_000L);
  }

  @Test
  void durationAndMaxEventsEndTheSource() {
    Driver byDuration =
        new Driver(
            EmissionSettings.of(RateProfile.constant(1_000)).withDuration(Duration.ofMillis(250)),
            false);
    byDuration.drain();
    assertThat(byDuration.run(SECOND, 1_000_000)).isFalse();
    assertThat(byDuration.count).isEqualTo(250);
    Driver byCount =
        new Driver(EmissionSettings.of(RateProfile.constant(1_000)).withMaxEvents(42), false);
    byCount.drain();
    assertThat(byCount.run(SECOND, 1_000_000)).isFalse();
    assertThat(byCount.count).isEqualTo(42);
  }
}
