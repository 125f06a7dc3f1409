package dev.sluice.payloads;

/**
 * Input limits every payload reader enforces, so that no input can make a parser hang or
 * allocate without bound. Exceeding a limit raises {@link PayloadFormatException} naming the
 * limit and where it was hit.
 *
 * @param maxInputBytes largest accepted input document
 * @param maxRecords most records (SenML records, samples, array elements) in one document
 * @param maxNestingDepth deepest nesting of JSON arrays and objects
 * @param maxStringLength longest string value, name or label value in characters
 * @param maxLabelNameLength longest label (or field) name in characters
 */
public record PayloadLimits(
    long maxInputBytes,
    int maxRecords,
    int maxNestingDepth,
    int maxStringLength,
    int maxLabelNameLength) {

  /** Defaults: 16 MiB, 1,000,000 records, depth 32, 64 KiB strings, 1 KiB names. */
  public static final PayloadLimits DEFAULTS =
      new PayloadLimits(16L << 20, 1_000_000, 32, 64 * 1024, 1024);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if any limit is not positive
   */
  public PayloadLimits {
    if (maxInputBytes < 1
        || maxRecords < 1
        || maxNestingDepth < 1
        || maxStringLength < 1
        || maxLabelNameLength < 1) {
      throw new IllegalArgumentException("every payload limit must be >= 1");
    }
  }

  /**
   * These limits with another largest input size, for example to read documents over the default
   * 16 MiB ({@code sluice payload validate --max-input-bytes 64MiB}).
   *
   * @param maxInputBytes the largest accepted input document in bytes, at least 1
   * @return a copy with {@code maxInputBytes} changed
   * @throws IllegalArgumentException if {@code maxInputBytes < 1}
   */
  public PayloadLimits withMaxInputBytes(long maxInputBytes) {
    return new PayloadLimits(
        maxInputBytes, maxRecords, maxNestingDepth, maxStringLength, maxLabelNameLength);
  }
}
