package dev.sluice.cep.anomaly;

import java.time.Duration;
import java.util.Objects;

/**
 * Which recent values of a key a detector compares each new value with: the last {@code n}
 * values ({@link #lastValues}), or the values of the last {@code span} of event time ({@link
 * #lastDuration}), capped at a number of values.
 *
 * <p>Values are taken per key in arrival order. The window a value is scored against holds the
 * values that arrived before it and are still in the window; the value then joins the window.
 *
 * <ul>
 *   <li><b>Count window</b> of {@code n}: the previous {@code n} values of the key. It never
 *       expires: a key's window stays until the job ends (bytes per key in docs/cep.md).
 *   <li><b>Time window</b> of {@code span}: the previous values whose timestamp is greater than
 *       {@code t - span}, {@code t} being the largest timestamp the key has seen (the new value's
 *       own when timestamps rise). Values leave the window oldest-arrived first, so with
 *       out-of-order timestamps a value may stay until those that arrived before it have left.
 *       When the window holds {@code maxValues}, the oldest value leaves early to make room. An
 *       event at or behind the current watermark is late: it is not scored, goes to the stage's
 *       late side output ({@link AnomalyDetection#LATE_EVENTS}) and is counted there. Once the
 *       watermark passes the key's newest timestamp plus {@code span}, the key's state is
 *       released, so nothing remains after the final watermark.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class DetectionWindow {
  /** The largest window, in values. */
  public static final int MAX_VALUES = 1 << 20;

  private final int maxValues;
  private final long spanMillis; // 0 for a count window

  private DetectionWindow(int maxValues, long spanMillis) {
    this.maxValues = maxValues;
    this.spanMillis = spanMillis;
  }

  /**
   * The last {@code n} values of each key.
   *
   * @throws IllegalArgumentException if {@code n} is not in {@code [1, MAX_VALUES]}
   */
  public static DetectionWindow lastValues(int n) {
    checkCount(n, "a count window's size");
    return new DetectionWindow(n, 0);
  }

  /**
   * The values of the last {@code span} of event time of each key, at most {@code maxValues} of
   * them.
   *
   * @throws IllegalArgumentException if {@code span} is not positive (whole milliseconds) or
   *     {@code maxValues} is not in {@code [1, MAX_VALUES]}
   */
  public static DetectionWindow lastDuration(Duration span, int maxValues) {
    Objects.requireNonNull(span, "span");
    long ms = span.toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(
          "a time window's span must be at least 1 ms, was " + span);
    }
    checkCount(maxValues, "a time window's maxValues");
    return new DetectionWindow(maxValues, ms);
  }

  private static void checkCount(int n, String what) {
    if (n < 1 || n > MAX_VALUES) {
      throw new IllegalArgumentException(
          what + " must be in [1, " + MAX_VALUES + "], was " + n);
    }
  }

  /** True for a time window. */
  public boolean isTimeBased() {
    return spanMillis > 0;
  }

  /** The span of a time window in milliseconds, 0 for a count window. */
  public long spanMillis() {
    return spanMillis;
  }

  /** The count of a count window, the cap of a time window. */
  public int maxValues() {
    return maxValues;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectionWindow w && w.maxValues == maxValues && w.spanMillis == spanMillis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(spanMillis) * 31 + maxValues;
  }

  @Override
  public String toString() {
    return isTimeBased()
        ? "DetectionWindow[last " + spanMillis + " ms, at most " + maxValues + " values]"
        : "DetectionWindow[last " + maxValues + " values]";
  }
}
