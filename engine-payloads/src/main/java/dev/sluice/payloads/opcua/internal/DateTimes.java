package dev.sluice.payloads.opcua.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * DateTime text rules of the OPC UA JSON encoding.
 *
 * <p>The common UTC form {@code YYYY-MM-DDThh:mm:ss[.f{1,9}]Z} is parsed and written by hand (a
 * {@link DateTimeFormatter} costs about a microsecond per value, more than the rest of a DataValue);
 * every other form goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, and tests check
 * that both paths agree. Stateless and thread-safe.
 */
public final class DateTimes {

  /** DateTime.MinValue in JSON, which also means "no timestamp". */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  /** The largest DateTime the JSON encoding writes. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private DateTimes() {}

  /**
   * ISO 8601 in UTC, clamped to {@link #MIN}..{@link #MAX}, exactly as {@link
   * DateTimeFormatter#ISO_INSTANT} writes it (fractions in groups of three digits).
   */
  public static String format(Instant t) {
    if (t.isBefore(MIN)) {
      t = MIN;
    } else if (t.isAfter(MAX)) {
      t = MAX;
    }
    long seconds = t.getEpochSecond();
    int nanos = t.getNano();
    long days = Math.floorDiv(seconds, 86_400);
    int secOfDay = Math.floorMod(seconds, 86_400);
    // civil date from days since 1970-01-01 (proleptic Gregorian)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    char[] out = new char[30];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secOfDay % 60, 2);
    int n = 19;
    if (nanos != 0) {
      out[n++] = '.';
      if (nanos % 1_000_000 == 0) {
        digits(out, n, nanos / 1_000_000, 3);
        n += 3;
      } else if (nanos % 1000 == 0) {
        digits(out, n, nanos / 1000, 6);
        n += 6;
      } else {
        digits(out, n, nanos, 9);
        n += 9;
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Parses ISO 8601 with {@code Z} or a numeric offset; values outside MIN..MAX are clamped.
   *
   * @return the instant, or null if the text is not ISO 8601
   */
  public static Instant parse(String text) {
    Instant t = parseUtc(text);
    if (t == null) {
      t = parseWithFormatter(text);
      if (t == null) {
        return null;
      }
    }
    if (t.isBefore(MIN)) {
      return MIN;
    }
    if (t.isAfter(MAX)) {
      return MAX;
    }
    return t;
  }

  /** The general path: any offset, lower-case letters, whatever the formatter accepts. */
  static Instant parseWithFormatter(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The fast path for {@code YYYY-MM-DDThh:mm:ss[.f{1,9}]Z} with valid field values; null for
   * anything else, which the caller hands to the formatter.
   */
  static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int monthLength = month == 2 && Year.isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (day > monthLength) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int digitCount = n - 21;
      if (s.charAt(19) != '.' || digitCount < 1 || digitCount > 9) {
        return null;
      }
      int fraction = number(s, 20, digitCount);
      if (fraction < 0) {
        return null;
      }
      for (int i = digitCount; i < 9; i++) {
        fraction *= 10;
      }
      nanos = fraction;
    }
    // days since 1970-01-01 from the civil date (proleptic Gregorian)
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146_097 + doe - 719_468;
    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s[at, at+width)}, or -1 if a character is not a digit. */
  private static int number(String s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
