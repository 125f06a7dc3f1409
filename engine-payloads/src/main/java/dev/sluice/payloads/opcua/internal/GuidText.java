package dev.sluice.payloads.opcua.internal;

import java.util.UUID;

/** Strict Guid text: 8-4-4-4-12 hex digits, either case. */
public final class GuidText {

  private GuidText() {}

  /**
   * Returns the 0-based offset of the first character that breaks the Guid syntax within {@code
   * s[from, to)}, or -1 if the text is a Guid. An offset equal to {@code to} means it is too short.
   */
  public static int firstError(CharSequence s, int from, int to) {
    int len = to - from;
    for (int i = 0; i < 36; i++) {
      if (i >= len) {
        return from + i;
      }
      char c = s.charAt(from + i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return from + i;
        }
      } else if (Character.digit(c, 16) < 0 || c > 'f') {
        return from + i;
      }
    }
    return len > 36 ? from + 36 : -1;
  }

  /** Parses text already checked with {@link #firstError}. */
  public static UUID parseChecked(CharSequence s, int from) {
    long hi = 0;
    long lo = 0;
    int n = 0;
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(from + i);
      if (c == '-') {
        continue;
      }
      int d = Character.digit(c, 16);
      if (n < 16) {
        hi = (hi << 4) | d;
      } else {
        lo = (lo << 4) | d;
      }
      n++;
    }
    return new UUID(hi, lo);
  }
}
