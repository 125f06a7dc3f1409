package dev.sluice.payloads.opcua;

/**
 * An OPC UA LocalizedText: a text with an optional locale such as {@code en-US}.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> none beyond the record.
 * <b>Failure:</b> none; both fields may be null.
 *
 * @param locale the locale, or null
 * @param text the text, or null
 */
public record LocalizedText(String locale, String text) {

  /** A text without a locale. */
  public static LocalizedText of(String text) {
    return new LocalizedText(null, text);
  }
}
