package dev.sluice.payloads;

/**
 * Invalid payload input, with where it went wrong.
 *
 * <p>{@link #location()} is format-specific and always human-readable: a JSON path such as
 * {@code $[3].bn}, {@code line 12, column 7} for text formats, or {@code record 4, field 'v'}.
 * {@link #getMessage()} combines the format, the location and the reason, so it can be shown to
 * a user as is.
 */
public class PayloadFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String format;
  private final String location;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param format the format being read, for example {@code senml-json}
   * @param location where the problem is; see the class description
   * @param reason what is wrong, in a sentence
   */
  public PayloadFormatException(String format, String location, String reason) {
    this(format, location, reason, null);
  }

  /** Creates an exception with an underlying cause. */
  public PayloadFormatException(String format, String location, String reason, Throwable cause) {
    super(format + ": " + location + ": " + reason, cause);
    this.format = format;
    this.location = location;
    this.reason = reason;
  }

  /** The format being read. */
  public String format() {
    return format;
  }

  /** Where the problem is. */
  public String location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
