package dev.sluice.payloads.prometheus.internal;

/** The number syntax of the exposition formats. */
final class Numbers {
  private Numbers() {}

  /** Decimal digits with optional sign, fraction and exponent; no hex, underscores or words. */
  static boolean decimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** A value: decimal, {@code NaN}, {@code +Inf}, {@code -Inf}; null if malformed. */
  static Double value(String s, boolean lenientInfinity) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (lenientInfinity) {
      String l = s.toLowerCase(java.util.Locale.ROOT);
      if (l.equals("inf") || l.equals("+inf")) {
        return Double.POSITIVE_INFINITY;
      }
      if (l.equals("-inf")) {
        return Double.NEGATIVE_INFINITY;
      }
      if (l.equals("nan")) {
        return Double.NaN;
      }
    }
    return decimal(s) ? toDouble(s) : null;
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * The double nearest to a text that {@link #decimal} accepted, as {@link Double#parseDouble}
   * gives it. Texts with at most 15 significant digits and a decimal exponent within ±22 are
   * computed directly — the mantissa and the power of ten are exact doubles, so one
   * multiplication or division rounds correctly (Clinger's fast path) — and the rest go to {@link
   * Double#parseDouble}.
   */
  static double toDouble(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      negative = first == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int scale = 0;
    boolean fraction = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        fraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break;
      }
      if (mantissa != 0 || c != '0') {
        if (++significant > 15) {
          return Double.parseDouble(s);
        }
      }
      mantissa = mantissa * 10 + (c - '0');
      if (fraction) {
        scale++;
      }
    }
    int exponent = 0;
    if (i < n) { // 'e' or 'E', then an optional sign and digits (decimal() checked them)
      i++;
      boolean negativeExponent = false;
      if (s.charAt(i) == '+' || s.charAt(i) == '-') {
        negativeExponent = s.charAt(i) == '-';
        i++;
      }
      if (n - i > 3) {
        return Double.parseDouble(s);
      }
      for (; i < n; i++) {
        exponent = exponent * 10 + (s.charAt(i) - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    int e10 = exponent - scale;
    if (e10 < -22 || e10 > 22) {
      return Double.parseDouble(s);
    }
    double v = e10 >= 0 ? mantissa * POW10[e10] : mantissa / POW10[-e10];
    return negative ? -v : v;
  }
}
