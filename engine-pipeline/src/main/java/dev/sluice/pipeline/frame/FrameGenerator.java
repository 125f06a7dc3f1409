package dev.sluice.pipeline.frame;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A bounded source of synthetic frames: {@code count} frames of the pool's channels, sampled at
 * {@code rate} frames per second of event time (frame {@code n} has timestamp {@code startMillis
 * + floor(n * 1000 / rate)} and sequence {@code n}; the source emits as fast as the pipeline takes
 * frames, it does not pace in wall-clock time). Channel {@code c} carries a sine of period
 * {@code 16 * (c + 1)} frames and amplitude {@code c + 1} plus Gaussian noise of deviation 0.1
 * from a generator seeded with {@code seed}: the same arguments give the same frames.
 *
 * <p>Each frame is acquired from the pool and emitted with its one reference: the stages after
 * the source own it. One instance (the reader is not split).
 */
public record FrameGenerator(String name, FramePool pool, long count, double rate, long seed, long startMillis)
    implements Source<Frame> {

  /** Checks the arguments. */
  public FrameGenerator {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pool, "pool");
    if (count < 0) {
      throw new IllegalArgumentException("frame source '" + name + "': count must be >= 0, got " + count);
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("frame source '" + name + "': rate must be a positive number of frames per second, got " + rate);
    }
  }

  @Override
  public SourceReader<Frame> createReader(int instanceIndex, int parallelism) {
    int channels = pool.schema().size();
    SplittableRandom random = new SplittableRandom(seed);
    return new SourceReader<>() {
      private long n;

      @Override
      public int read(SourceOutput<Frame> out, int maxEvents) {
        if (n >= count) {
          return END;
        }
        int k = (int) Math.min(maxEvents, count - n);
        for (int i = 0; i < k; i++, n++) {
          long t = startMillis + (long) Math.floor(n * 1000.0 / rate);
          Frame f = pool.acquire(t, n);
          for (int c = 0; c < channels; c++) {
            double phase = 2 * Math.PI * n / (16.0 * (c + 1));
            f.set(c, (c + 1) * Math.sin(phase) + 0.1 * gaussian(random));
          }
          out.emit(f, t);
        }
        return k;
      }
    };
  }

  /** Box-Muller from two uniforms (SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
