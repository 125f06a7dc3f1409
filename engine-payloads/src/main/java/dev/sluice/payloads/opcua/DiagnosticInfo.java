package dev.sluice.payloads.opcua;

import java.util.Objects;

/**
 * An OPC UA DiagnosticInfo (Part 4 §7.12): vendor-specific detail attached to a StatusCode in a
 * service response, possibly nested through {@link #innerDiagnosticInfo()}.
 *
 * <p>{@code symbolicId}, {@code namespaceUri}, {@code locale} and {@code localizedText} are
 * indexes into the string table of the response header, -1 when absent. A DiagnosticInfo has no
 * meaning without that table, so Part 6 §5.1.9 forbids it inside a {@link Variant}; read and write
 * it on its own with {@link OpcUaJsonReader#readDiagnosticInfo(byte[])} and {@link
 * OpcUaJsonWriter#writeDiagnosticInfo(DiagnosticInfo)}.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> none beyond the record.
 * <b>Failure:</b> the constructor throws {@link NullPointerException} for a null inner status (use
 * {@link StatusCode#GOOD}) and {@link IllegalArgumentException} for an index below -1.
 *
 * @param symbolicId index of a vendor-specific symbolic id, or -1
 * @param namespaceUri index of the namespace that qualifies the symbolic id, or -1
 * @param locale index of the locale of the localized text, or -1
 * @param localizedText index of a human-readable summary, or -1
 * @param additionalInfo application-specific detail, or null
 * @param innerStatusCode the status code of an underlying system, {@link StatusCode#GOOD} if none
 * @param innerDiagnosticInfo the diagnostic info of the inner status code, or null
 */
public record DiagnosticInfo(
    int symbolicId,
    int namespaceUri,
    int locale,
    int localizedText,
    String additionalInfo,
    StatusCode innerStatusCode,
    DiagnosticInfo innerDiagnosticInfo) {

  /** The DiagnosticInfo with every field at its default. */
  public static final DiagnosticInfo EMPTY =
      new DiagnosticInfo(-1, -1, -1, -1, null, StatusCode.GOOD, null);

  /** Validates the fields. */
  public DiagnosticInfo {
    checkIndex(symbolicId, "symbolicId");
    checkIndex(namespaceUri, "namespaceUri");
    checkIndex(locale, "locale");
    checkIndex(localizedText, "localizedText");
    Objects.requireNonNull(innerStatusCode, "innerStatusCode (use StatusCode.GOOD)");
  }

  private static void checkIndex(int index, String name) {
    if (index < -1) {
      throw new IllegalArgumentException(
          name + " is a string-table index or -1 for none, was " + index);
    }
  }

  /** Only additional information, every other field at its default. */
  public static DiagnosticInfo of(String additionalInfo) {
    return new DiagnosticInfo(-1, -1, -1, -1, additionalInfo, StatusCode.GOOD, null);
  }

  /** How many DiagnosticInfos are chained through {@link #innerDiagnosticInfo()}, this one included. */
  public int depth() {
    int d = 1;
    for (DiagnosticInfo i = innerDiagnosticInfo; i != null; i = i.innerDiagnosticInfo) {
      d++;
    }
    return d;
  }
}
