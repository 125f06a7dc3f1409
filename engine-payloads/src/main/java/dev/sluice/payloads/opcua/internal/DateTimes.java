package dev.sluice.payloads.opcua.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** DateTime text rules of the OPC UA JSON encoding. */
public final class DateTimes {

  /** DateTime.MinValue in JSON, which also means "no timestamp". */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  /** The largest DateTime the JSON encoding writes. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  private DateTimes() {}

  /** ISO 8601 in UTC, clamped to {@link #MIN}..{@link #MAX}. */
  public static String format(Instant t) {
    if (t.isBefore(MIN)) {
      t = MIN;
    } else if (t.isAfter(MAX)) {
      t = MAX;
    }
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /**
   * Parses ISO 8601 with {@code Z} or a numeric offset; values outside MIN..MAX are clamped.
   *
   * @return the instant, or null if the text is not ISO 8601
   */
  public static Instant parse(String text) {
    Instant t;
    try {
      t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    if (t.isBefore(MIN)) {
      return MIN;
    }
    if (t.isAfter(MAX)) {
      return MAX;
    }
    return t;
  }
}
