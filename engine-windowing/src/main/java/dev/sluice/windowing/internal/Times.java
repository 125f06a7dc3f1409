package dev.sluice.windowing.internal;

/** Saturating event-time arithmetic. */
final class Times {
  private Times() {}

  /** {@code a + b} for {@code b >= 0}, capped at {@link Long#MAX_VALUE}. */
  static long plus(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
