package dev.sluice.payloads.opcua;

import java.time.Instant;
import java.util.Objects;

/**
 * An OPC UA DataValue (Part 4): a {@link Variant} with its {@link StatusCode}, source and server
 * timestamps and their picosecond refinements.
 *
 * <p>A missing timestamp is null (the JSON encoding's {@code 0001-01-01T00:00:00Z}, DateTime's
 * MinValue, also reads as null). Picoseconds count 10-picosecond intervals within the 100 ns tick
 * of the timestamp, 0..9999.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> none beyond the record.
 * <b>Failure:</b> the constructor throws {@link IllegalArgumentException} for picoseconds outside
 * 0..9999 or a value that contains a DataValue, and {@link NullPointerException} for a null value
 * or status (use {@link Variant#NULL} and {@link StatusCode#GOOD}).
 *
 * @param value the value
 * @param status the status
 * @param sourceTimestamp when the source produced the value, or null
 * @param sourcePicoseconds 10 ps intervals added to the source timestamp, 0..9999
 * @param serverTimestamp when the server received the value, or null
 * @param serverPicoseconds 10 ps intervals added to the server timestamp, 0..9999
 */
public record DataValue(
    Variant value,
    StatusCode status,
    Instant sourceTimestamp,
    int sourcePicoseconds,
    Instant serverTimestamp,
    int serverPicoseconds) {

  /** Why the Variant of a DataValue cannot contain a DataValue. */
  public static final String NESTED_DATA_VALUE =
      "the Variant of a DataValue cannot, directly or through arrays of Variants, contain another"
          + " DataValue (Part 6 §5.1.9)";

  /** Largest picoseconds value: 9999 intervals of 10 ps make the 100 ns tick. */
  public static final int MAX_PICOSECONDS = 9999;

  /** Validates the fields. */
  public DataValue {
    Objects.requireNonNull(value, "value (use Variant.NULL)");
    Objects.requireNonNull(status, "status (use StatusCode.GOOD)");
    if (value.containsDataValue()) {
      throw new IllegalArgumentException(NESTED_DATA_VALUE);
    }
    checkPicoseconds(sourcePicoseconds, "sourcePicoseconds");
    checkPicoseconds(serverPicoseconds, "serverPicoseconds");
  }

  private static void checkPicoseconds(int ps, String name) {
    if (ps < 0 || ps > MAX_PICOSECONDS) {
      throw new IllegalArgumentException(name + " must be 0..9999, was " + ps);
    }
  }

  /** A Good value without timestamps. */
  public static DataValue of(Variant value) {
    return new DataValue(value, StatusCode.GOOD, null, 0, null, 0);
  }

  /** A value with a status and both timestamps, without picoseconds. */
  public static DataValue of(
      Variant value, StatusCode status, Instant sourceTimestamp, Instant serverTimestamp) {
    return new DataValue(value, status, sourceTimestamp, 0, serverTimestamp, 0);
  }
}
