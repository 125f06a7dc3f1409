package dev.sluice.payloads.senml;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A resolved SenML record (RFC 8428 §4.6): base values applied, the full name, an absolute time
 * and no base fields. Produced by {@link SenmlResolver}.
 *
 * <p>At most one of {@code value}, {@code stringValue}, {@code booleanValue} and {@code
 * dataValue} is non-null; all four are null only for a record that carries just a sum.
 *
 * <p><b>Threading:</b> immutable and thread-safe. <b>Allocation:</b> {@link #dataValue()} copies.
 * <b>Failure:</b> the constructor throws {@link NullPointerException} if {@code name} is null.
 *
 * @param name base name and name concatenated
 * @param unit the record's unit, else the base unit, else null
 * @param value base value plus value, if the record has {@code v}
 * @param stringValue {@code vs}, if present
 * @param booleanValue {@code vb}, if present
 * @param dataValue {@code vd}, if present
 * @param sum base sum plus sum, if either is present
 * @param timeSeconds absolute time in seconds since the Unix epoch
 * @param updateTime {@code ut}, if present
 * @param version the pack's SenML version; 10 unless the pack declared another {@code bver}
 * @param extensions the record's extension fields, except unknown base fields (labels starting
 *     with {@code b}), which cannot be resolved and are dropped
 */
public record ResolvedRecord(
    String name,
    String unit,
    Double value,
    String stringValue,
    Boolean booleanValue,
    byte[] dataValue,
    Double sum,
    double timeSeconds,
    Double updateTime,
    int version,
    Map<String, Object> extensions) {

  /** Copies the data value and extensions. */
  public ResolvedRecord {
    Objects.requireNonNull(name, "name");
    dataValue = dataValue == null ? null : dataValue.clone();
    extensions =
        extensions == null || extensions.isEmpty()
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(extensions));
  }

  /** The {@code vd} bytes, copied; {@code null} if absent. */
  @Override
  public byte[] dataValue() {
    return dataValue == null ? null : dataValue.clone();
  }

  /**
   * This record as a SenML record with only regular fields ({@code n u v vs vb vd s t ut}), plus
   * {@code bver} when the version is not 10, as RFC 8428 §4.6 requires. Allocates a new record.
   */
  public SenmlRecord toRecord() {
    SenmlRecord.Builder b =
        SenmlRecord.builder()
            .name(name)
            .unit(unit)
            .value(value)
            .stringValue(stringValue)
            .booleanValue(booleanValue)
            .dataValue(dataValue)
            .sum(sum)
            .time(timeSeconds)
            .updateTime(updateTime)
            .baseVersion(version == SenmlResolver.SUPPORTED_VERSION ? null : version);
    extensions.forEach(b::extension);
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedRecord r
        && name.equals(r.name)
        && Objects.equals(unit, r.unit)
        && Objects.equals(value, r.value)
        && Objects.equals(stringValue, r.stringValue)
        && Objects.equals(booleanValue, r.booleanValue)
        && Arrays.equals(dataValue, r.dataValue)
        && Objects.equals(sum, r.sum)
        && Double.compare(timeSeconds, r.timeSeconds) == 0
        && Objects.equals(updateTime, r.updateTime)
        && version == r.version
        && extensions.equals(r.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
            name, unit, value, stringValue, booleanValue, sum, timeSeconds, updateTime, version,
            extensions)
        * 31
        + Arrays.hashCode(dataValue);
  }

  @Override
  public String toString() {
    return "ResolvedRecord{n="
        + name
        + (unit != null ? " u=" + unit : "")
        + (value != null ? " v=" + value : "")
        + (stringValue != null ? " vs=" + stringValue : "")
        + (booleanValue != null ? " vb=" + booleanValue : "")
        + (dataValue != null ? " vd=" + Arrays.toString(dataValue) : "")
        + (sum != null ? " s=" + sum : "")
        + " t="
        + timeSeconds
        + (updateTime != null ? " ut=" + updateTime : "")
        + (version != SenmlResolver.SUPPORTED_VERSION ? " bver=" + version : "")
        + (extensions.isEmpty() ? "" : " " + extensions)
        + "}";
  }
}
