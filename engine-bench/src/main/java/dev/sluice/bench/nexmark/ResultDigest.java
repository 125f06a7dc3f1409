package dev.sluice.bench.nexmark;

/**
 * What a query run produced, in a form that can be compared across engines: the number of
 * results and the sum of a 64-bit mix of each result's fields (order-independent, so engines that
 * emit in different orders still agree).
 *
 * @param count number of results
 * @param checksum sum of the results' {@code digest()} values
 */
public record ResultDigest(long count, long checksum) {

  /** Mixes three fields into one well-spread 64-bit value. */
  public static long mix(long a, long b, long c) {
    return SplitMix.mix(SplitMix.mix(SplitMix.mix(a) ^ b) ^ c);
  }

  /** Mixes five fields into one well-spread 64-bit value. */
  public static long mix(long a, long b, long c, long d, long e) {
    return SplitMix.mix(SplitMix.mix(mix(a, b, c) ^ d) ^ e);
  }

  @Override
  public String toString() {
    return count + " results, checksum " + Long.toHexString(checksum);
  }
}
