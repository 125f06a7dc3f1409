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
    return decimal(s) ? Double.parseDouble(s) : null;
  }
}
