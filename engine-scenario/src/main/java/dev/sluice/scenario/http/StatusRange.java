package dev.sluice.scenario.http;

/**
 * An inclusive range of HTTP status codes, e.g. {@code 200-299}. Immutable.
 *
 * @param from the lowest status in the range, 100..599
 * @param to the highest, {@code from}..599
 */
public record StatusRange(int from, int to) {

  /**
   * Validates the range.
   *
   * @throws IllegalArgumentException if a bound is outside 100..599 or {@code from > to}
   */
  public StatusRange {
    if (from < 100 || to > 599 || from > to) {
      throw new IllegalArgumentException(
          "a status range must lie within 100-599 with from <= to, was " + from + "-" + to);
    }
  }

  /** Every 2xx status. */
  public static final StatusRange SUCCESSFUL = new StatusRange(200, 299);

  /** One status. */
  public static StatusRange of(int status) {
    return new StatusRange(status, status);
  }

  /**
   * Parses {@code "200"} or {@code "200-299"}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static StatusRange parse(String text) {
    String t = text.trim();
    int dash = t.indexOf('-');
    try {
      if (dash < 0) {
        return of(Integer.parseInt(t));
      }
      return new StatusRange(
          Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a status range is a status (200) or two joined by '-' (200-299), was '" + text + "'");
    }
  }

  /** True if {@code status} is in the range. */
  public boolean contains(int status) {
    return status >= from && status <= to;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
