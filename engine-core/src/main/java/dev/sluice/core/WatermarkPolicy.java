package dev.sluice.core;

/**
 * How a timestamped stage generates watermarks: bounded out-of-orderness with idle detection.
 *
 * <p>After seeing events up to timestamp {@code maxTs}, the stage emits the watermark {@code
 * maxTs - maxOutOfOrdernessMillis - 1}: it promises that no event with a timestamp at or below
 * the watermark follows (events that break the promise are late). Watermarks are emitted
 * in-band at the end of each batch, only when they advance. If no event arrives for {@code
 * idleTimeoutMillis} of processing time, the stage declares its output idle so that downstream
 * stages coalescing several inputs do not wait for it; the next event makes it active again.
 *
 * @param maxOutOfOrdernessMillis how far behind the highest timestamp seen an event may be and
 *     still be on time; at least 0
 * @param idleTimeoutMillis processing time without events after which the output is declared
 *     idle; 0 disables idle detection
 */
public record WatermarkPolicy(long maxOutOfOrdernessMillis, long idleTimeoutMillis) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if either value is negative
   */
  public WatermarkPolicy {
    if (maxOutOfOrdernessMillis < 0) {
      throw new IllegalArgumentException(
          "maxOutOfOrdernessMillis must be >= 0, was " + maxOutOfOrdernessMillis);
    }
    if (idleTimeoutMillis < 0) {
      throw new IllegalArgumentException("idleTimeoutMillis must be >= 0, was " + idleTimeoutMillis);
    }
  }

  /** Bounded out-of-orderness without idle detection. */
  public static WatermarkPolicy boundedOutOfOrderness(long maxOutOfOrdernessMillis) {
    return new WatermarkPolicy(maxOutOfOrdernessMillis, 0);
  }

  /** This policy with idle detection after {@code idleTimeoutMillis}. */
  public WatermarkPolicy withIdleTimeout(long idleTimeoutMillis) {
    return new WatermarkPolicy(maxOutOfOrdernessMillis, idleTimeoutMillis);
  }
}
