package dev.sluice.bench.nexmark;

/**
 * A match of "A followed by B on the same key within 5 s": the A at {@code firstTime} and the
 * first B of the same key after it, at {@code secondTime}, with {@code secondTime - firstTime <
 * 5000}. Every A starts its own match, so one B can complete several.
 *
 * <p>A POJO for Flink (public fields, no-argument constructor).
 */
public final class CepMatch {
  /** The pattern's time bound: B must come less than this many milliseconds after A. */
  public static final long WITHIN_MILLIS = 5_000;

  /** The key. */
  public long key;
  /** Time of the A. */
  public long firstTime;
  /** Time of the B. */
  public long secondTime;

  /** For serializers. */
  public CepMatch() {}

  /** A match with every field given. */
  public CepMatch(long key, long firstTime, long secondTime) {
    this.key = key;
    this.firstTime = firstTime;
    this.secondTime = secondTime;
  }

  /** A match's contribution to a {@link ResultDigest}. */
  public static long digest(long key, long firstTime, long secondTime) {
    return ResultDigest.mix(key, firstTime, secondTime);
  }

  /** This match's contribution to a {@link ResultDigest}. */
  public long digest() {
    return digest(key, firstTime, secondTime);
  }

  @Override
  public String toString() {
    return "CepMatch{key=" + key + ", firstTime=" + firstTime + ", secondTime=" + secondTime + '}';
  }
}
