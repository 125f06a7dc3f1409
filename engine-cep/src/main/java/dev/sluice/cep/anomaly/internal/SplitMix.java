package dev.sluice.cep.anomaly.internal;

/**
 * SplitMix64 (Steele, Lea and Flood 2014) with its state in a field, so a model can write the
 * generator's state into snapshots and go on with the same sequence after a restore.
 */
public final class SplitMix {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long state;

  public SplitMix(long state) {
    this.state = state;
  }

  public long state() {
    return state;
  }

  public long nextLong() {
    return mix(state += GOLDEN);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), bound > 0 (multiply-shift; the bias is below 2^-32 for any int bound). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** The SplitMix64 finaliser: a bijective mix of {@code z}. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
