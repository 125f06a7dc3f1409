package dev.sluice.payloads.senml;

import java.util.List;
import java.util.Objects;

/**
 * A SenML pack: the ordered records of one document (RFC 8428 §4), as decoded, before
 * resolution. Base fields in a record apply to it and to every later record until replaced.
 *
 * <p><b>Threading:</b> immutable and thread-safe. <b>Allocation:</b> the constructor copies the
 * list once. <b>Failure:</b> the constructor throws {@link NullPointerException} for a null list
 * or element; it does not check SenML semantics (use {@link SenmlValidator}).
 *
 * @param records the records in document order; never null, may be empty only when built by
 *     hand (the decoders reject an empty pack)
 */
public record SenmlPack(List<SenmlRecord> records) {

  /** Copies the records into an immutable list. */
  public SenmlPack {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
  }

  /** A pack of the given records. */
  public static SenmlPack of(SenmlRecord... records) {
    return new SenmlPack(List.of(records));
  }

  /** The number of records. */
  public int size() {
    return records.size();
  }
}
