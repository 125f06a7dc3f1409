package dev.sluice.payloads.senml;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One SenML record as it appears in a pack (RFC 8428 §4), before resolution: base fields, regular
 * fields and extension fields. A component is {@code null} when the field is absent; absence and
 * an explicit value are kept apart (a record with {@code "t":0} is not equal to one without
 * {@code t}), so a decode/encode round trip reproduces the same record.
 *
 * <p>Numbers are IEEE doubles, the precision RFC 8428 §6 asks every representation to keep.
 * {@code baseVersion} is an integer. Equality of numbers is {@link Double#equals} (so {@code 20}
 * and {@code 20.0} decode to equal records, {@code 0.0} and {@code -0.0} do not).
 *
 * <p><b>Extensions.</b> Fields this implementation does not know (RFC 8428 §4.4) are
 * <em>preserved</em> in {@link #extensions()}, keyed by their label, with a {@link String},
 * {@link Double} or {@link Boolean} value; they round-trip through both codecs (as string map
 * keys in CBOR). Labels ending in {@code _} are "must understand" and are rejected by the
 * decoders and by {@link SenmlValidator}.
 *
 * <p><b>Threading:</b> immutable and thread-safe. <b>Allocation:</b> {@link #dataValue()} returns
 * a fresh copy of the bytes on each call. <b>Failure:</b> the constructor throws {@link
 * IllegalArgumentException} for an extension value of an unsupported type or an extension label
 * that collides with an RFC 8428 label, and {@link NullPointerException} for null extension keys
 * or values; it does not check SenML semantics (use {@link SenmlValidator}).
 *
 * @param baseName {@code bn}: prefix of the names of this and later records
 * @param baseTime {@code bt}: seconds added to the time of this and later records
 * @param baseUnit {@code bu}: unit of this and later records that have no {@code u}
 * @param baseValue {@code bv}: added to the {@code v} of this and later records
 * @param baseSum {@code bs}: added to the {@code s} of this and later records
 * @param baseVersion {@code bver}: SenML version of the pack (default 10)
 * @param name {@code n}: name, appended to the base name
 * @param unit {@code u}: unit of the measurement
 * @param value {@code v}: numeric value
 * @param stringValue {@code vs}: string value
 * @param booleanValue {@code vb}: boolean value
 * @param dataValue {@code vd}: binary value (base64url in JSON, a byte string in CBOR)
 * @param sum {@code s}: integrated sum of the value over time
 * @param time {@code t}: time in seconds; below 2<sup>28</sup> relative to "now"
 * @param updateTime {@code ut}: longest time in seconds before the next reading
 * @param extensions unknown fields, label to String/Double/Boolean; never null
 */
public record SenmlRecord(
    String baseName,
    Double baseTime,
    String baseUnit,
    Double baseValue,
    Double baseSum,
    Integer baseVersion,
    String name,
    String unit,
    Double value,
    String stringValue,
    Boolean booleanValue,
    byte[] dataValue,
    Double sum,
    Double time,
    Double updateTime,
    Map<String, Object> extensions) {

  /** The labels RFC 8428 defines, which an extension may not use. */
  public static final Set<String> RFC8428_LABELS =
      Set.of(
          "bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t", "ut");

  /** Copies the data value and the extensions; see the class description for failures. */
  public SenmlRecord {
    dataValue = dataValue == null ? null : dataValue.clone();
    extensions = copyExtensions(extensions);
  }

  private static Map<String, Object> copyExtensions(Map<String, Object> extensions) {
    if (extensions == null || extensions.isEmpty()) {
      return Collections.emptySortedMap();
    }
    SortedMap<String, Object> copy = new TreeMap<>();
    for (Map.Entry<String, Object> e : extensions.entrySet()) {
      String label = Objects.requireNonNull(e.getKey(), "extension label");
      Object v = Objects.requireNonNull(e.getValue(), "extension value");
      if (RFC8428_LABELS.contains(label)) {
        throw new IllegalArgumentException(
            "extension label '" + label + "' is an RFC 8428 field; use the record component");
      }
      if (!(v instanceof String || v instanceof Double || v instanceof Boolean)) {
        throw new IllegalArgumentException(
            "extension '" + label + "' must be a String, Double or Boolean, was "
                + v.getClass().getName());
      }
      copy.put(label, v);
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /** The {@code vd} bytes, copied; {@code null} if absent. Allocates a copy on each call. */
  @Override
  public byte[] dataValue() {
    return dataValue == null ? null : dataValue.clone();
  }

  /** Whether the record has a {@code vd} field, without copying it. */
  public boolean hasDataValue() {
    return dataValue != null;
  }

  /** Whether any base field ({@code bn bt bu bv bs bver}) is present. */
  public boolean hasBaseFields() {
    return baseName != null
        || baseTime != null
        || baseUnit != null
        || baseValue != null
        || baseSum != null
        || baseVersion != null;
  }

  /**
   * Whether the record carries only base fields (and no extensions), like the first record of
   * RFC 8428 §5.1.7's example: it sets base values for later records and describes no
   * measurement of its own.
   */
  public boolean isBaseOnly() {
    return hasBaseFields()
        && name == null
        && unit == null
        && valueFieldCount() == 0
        && sum == null
        && time == null
        && updateTime == null
        && extensions.isEmpty();
  }

  /** How many of {@code v vs vb vd} are present (a valid measurement has exactly one or a sum). */
  public int valueFieldCount() {
    return (value != null ? 1 : 0)
        + (stringValue != null ? 1 : 0)
        + (booleanValue != null ? 1 : 0)
        + (dataValue != null ? 1 : 0);
  }

  /** A builder that starts with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this record's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseName = baseName;
    b.baseTime = baseTime;
    b.baseUnit = baseUnit;
    b.baseValue = baseValue;
    b.baseSum = baseSum;
    b.baseVersion = baseVersion;
    b.name = name;
    b.unit = unit;
    b.value = value;
    b.stringValue = stringValue;
    b.booleanValue = booleanValue;
    b.dataValue = dataValue;
    b.sum = sum;
    b.time = time;
    b.updateTime = updateTime;
    b.extensions.putAll(extensions);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SenmlRecord r
        && Objects.equals(baseName, r.baseName)
        && Objects.equals(baseTime, r.baseTime)
        && Objects.equals(baseUnit, r.baseUnit)
        && Objects.equals(baseValue, r.baseValue)
        && Objects.equals(baseSum, r.baseSum)
        && Objects.equals(baseVersion, r.baseVersion)
        && Objects.equals(name, r.name)
        && Objects.equals(unit, r.unit)
        && Objects.equals(value, r.value)
        && Objects.equals(stringValue, r.stringValue)
        && Objects.equals(booleanValue, r.booleanValue)
        && Arrays.equals(dataValue, r.dataValue)
        && Objects.equals(sum, r.sum)
        && Objects.equals(time, r.time)
        && Objects.equals(updateTime, r.updateTime)
        && extensions.equals(r.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
            baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value)
        * 31
        + Objects.hash(stringValue, booleanValue, sum, time, updateTime, extensions) * 17
        + Arrays.hashCode(dataValue);
  }

  /** A compact form listing the present fields with their SenML labels. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SenmlRecord{");
    append(sb, "bn", baseName);
    append(sb, "bt", baseTime);
    append(sb, "bu", baseUnit);
    append(sb, "bv", baseValue);
    append(sb, "bs", baseSum);
    append(sb, "bver", baseVersion);
    append(sb, "n", name);
    append(sb, "u", unit);
    append(sb, "v", value);
    append(sb, "vs", stringValue);
    append(sb, "vb", booleanValue);
    append(sb, "vd", dataValue == null ? null : Arrays.toString(dataValue));
    append(sb, "s", sum);
    append(sb, "t", time);
    append(sb, "ut", updateTime);
    extensions.forEach((k, v) -> append(sb, k, v));
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setLength(sb.length() - 1);
    }
    return sb.append('}').toString();
  }

  private static void append(StringBuilder sb, String label, Object value) {
    if (value != null) {
      sb.append(label).append('=').append(value).append(' ');
    }
  }

  /**
   * Mutable builder for {@link SenmlRecord}; every setter accepts {@code null} for "absent".
   *
   * <p><b>Threading:</b> not thread-safe; use from one thread. <b>Failure:</b> {@link #build()}
   * fails as the record constructor does.
   */
  public static final class Builder {
    private String baseName;
    private Double baseTime;
    private String baseUnit;
    private Double baseValue;
    private Double baseSum;
    private Integer baseVersion;
    private String name;
    private String unit;
    private Double value;
    private String stringValue;
    private Boolean booleanValue;
    private byte[] dataValue;
    private Double sum;
    private Double time;
    private Double updateTime;
    private final Map<String, Object> extensions = new TreeMap<>();

    private Builder() {}

    /** Sets {@code bn}. */
    public Builder baseName(String v) {
      baseName = v;
      return this;
    }

    /** Sets {@code bt}. */
    public Builder baseTime(Double v) {
      baseTime = v;
      return this;
    }

    /** Sets {@code bu}. */
    public Builder baseUnit(String v) {
      baseUnit = v;
      return this;
    }

    /** Sets {@code bv}. */
    public Builder baseValue(Double v) {
      baseValue = v;
      return this;
    }

    /** Sets {@code bs}. */
    public Builder baseSum(Double v) {
      baseSum = v;
      return this;
    }

    /** Sets {@code bver}. */
    public Builder baseVersion(Integer v) {
      baseVersion = v;
      return this;
    }

    /** Sets {@code n}. */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /** Sets {@code u}. */
    public Builder unit(String v) {
      unit = v;
      return this;
    }

    /** Sets {@code v}. */
    public Builder value(Double v) {
      value = v;
      return this;
    }

    /** Sets {@code vs}. */
    public Builder stringValue(String v) {
      stringValue = v;
      return this;
    }

    /** Sets {@code vb}. */
    public Builder booleanValue(Boolean v) {
      booleanValue = v;
      return this;
    }

    /** Sets {@code vd}; the array is copied when the record is built. */
    public Builder dataValue(byte[] v) {
      dataValue = v;
      return this;
    }

    /** Sets {@code s}. */
    public Builder sum(Double v) {
      sum = v;
      return this;
    }

    /** Sets {@code t}. */
    public Builder time(Double v) {
      time = v;
      return this;
    }

    /** Sets {@code ut}. */
    public Builder updateTime(Double v) {
      updateTime = v;
      return this;
    }

    /** Adds or replaces an extension field (String, Double or Boolean value). */
    public Builder extension(String label, Object v) {
      extensions.put(label, v);
      return this;
    }

    /** Builds the immutable record. */
    public SenmlRecord build() {
      return new SenmlRecord(
          baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value,
          stringValue, booleanValue, dataValue, sum, time, updateTime, extensions);
    }
  }
}
