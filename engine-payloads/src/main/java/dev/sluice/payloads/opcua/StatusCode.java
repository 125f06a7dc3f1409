package dev.sluice.payloads.opcua;

import dev.sluice.payloads.opcua.internal.StatusCodeNames;
import java.util.Optional;

/**
 * An OPC UA StatusCode (Part 4 §7.39): a 32-bit value whose top two bits give the severity, bits
 * 16..27 the sub-code, bits 14 and 15 the semantics/structure-changed flags, bits 10..11 the info
 * type, and (for info type DataValue) bits 8..9 the limit, bit 7 overflow and bits 0..4 the
 * historian bits.
 *
 * <p>{@link #symbol()} knows the common symbolic names ({@code Good}, {@code BadNodeIdUnknown},
 * {@code UncertainLastUsableValue}, ...); the info bits are ignored for the lookup.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> none except {@link #symbol()}'s
 * Optional and {@link #toString()}. <b>Failure:</b> {@link #ofSymbol(String)} throws {@link
 * IllegalArgumentException} for an unknown name; nothing else fails.
 *
 * @param code the 32 bits, as a Java int (so Bad codes are negative)
 */
public record StatusCode(int code) {

  /** Good, 0x00000000. */
  public static final StatusCode GOOD = new StatusCode(0);
  /** Uncertain, 0x40000000. */
  public static final StatusCode UNCERTAIN = new StatusCode(0x40000000);
  /** Bad, 0x80000000. */
  public static final StatusCode BAD = new StatusCode(0x80000000);
  /** GoodClamped, 0x00300000: the value written was accepted but clamped. */
  public static final StatusCode GOOD_CLAMPED = new StatusCode(0x00300000);
  /** GoodLocalOverride, 0x00960000: the value has been overridden. */
  public static final StatusCode GOOD_LOCAL_OVERRIDE = new StatusCode(0x00960000);
  /** UncertainLastUsableValue, 0x40900000: whatever updated the value has stopped doing so. */
  public static final StatusCode UNCERTAIN_LAST_USABLE_VALUE = new StatusCode(0x40900000);
  /** UncertainSensorNotAccurate, 0x40930000: the value is at one of the sensor limits. */
  public static final StatusCode UNCERTAIN_SENSOR_NOT_ACCURATE = new StatusCode(0x40930000);
  /** UncertainSubstituteValue, 0x40910000: an operational value was manually overwritten. */
  public static final StatusCode UNCERTAIN_SUBSTITUTE_VALUE = new StatusCode(0x40910000);
  /** BadNodeIdUnknown, 0x80340000: the node does not exist in the address space. */
  public static final StatusCode BAD_NODE_ID_UNKNOWN = new StatusCode(0x80340000);
  /** BadTimeout, 0x800A0000: the operation timed out. */
  public static final StatusCode BAD_TIMEOUT = new StatusCode(0x800A0000);
  /** BadNoCommunication, 0x80310000: no communication and no last known value. */
  public static final StatusCode BAD_NO_COMMUNICATION = new StatusCode(0x80310000);
  /** BadSensorFailure, 0x808C0000: the sensor the value comes from has failed. */
  public static final StatusCode BAD_SENSOR_FAILURE = new StatusCode(0x808C0000);
  /** BadDeviceFailure, 0x808B0000: the device that generates the value has failed. */
  public static final StatusCode BAD_DEVICE_FAILURE = new StatusCode(0x808B0000);
  /** BadOutOfService, 0x808D0000: the source of the data is not operational. */
  public static final StatusCode BAD_OUT_OF_SERVICE = new StatusCode(0x808D0000);

  /** The severity in the top two bits. */
  public enum Severity {
    /** 00: the value can be used. */
    GOOD,
    /** 01: the value is of uncertain quality. */
    UNCERTAIN,
    /** 10 (and the reserved 11): the value is not usable. */
    BAD
  }

  /** The limit bits (8..9), meaningful when the info type is DataValue. */
  public enum Limit {
    /** 00: the value moves freely. */
    NONE,
    /** 01: the value is at its lower limit. */
    LOW,
    /** 10: the value is at its upper limit. */
    HIGH,
    /** 11: the value is constant and cannot move. */
    CONSTANT
  }

  /** A StatusCode from the unsigned 32-bit value; higher bits must be zero. */
  public static StatusCode ofUnsigned(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("StatusCode must be 0..0xFFFFFFFF, was " + value);
    }
    return new StatusCode((int) value);
  }

  /**
   * The StatusCode with the given symbolic name, for example {@code BadTimeout} or {@code
   * Bad_Timeout}.
   *
   * @throws IllegalArgumentException if the name is not known
   */
  public static StatusCode ofSymbol(String symbol) {
    Integer code = StatusCodeNames.codeOf(symbol);
    if (code == null) {
      throw new IllegalArgumentException("unknown StatusCode symbol '" + symbol + "'");
    }
    return new StatusCode(code);
  }

  /** The 32 bits as an unsigned value. */
  public long unsigned() {
    return Integer.toUnsignedLong(code);
  }

  /** The severity. */
  public Severity severity() {
    int s = code >>> 30;
    return s == 0 ? Severity.GOOD : s == 1 ? Severity.UNCERTAIN : Severity.BAD;
  }

  /** True if the severity is Good. */
  public boolean isGood() {
    return (code >>> 30) == 0;
  }

  /** True if the severity is Uncertain. */
  public boolean isUncertain() {
    return (code >>> 30) == 1;
  }

  /** True if the severity is Bad. */
  public boolean isBad() {
    return (code >>> 30) >= 2;
  }

  /** The sub-code, bits 16..27. */
  public int subCode() {
    return (code >>> 16) & 0x0FFF;
  }

  /** The code without info bits: only the top 16 bits kept. */
  public StatusCode withoutInfoBits() {
    return new StatusCode(code & 0xFFFF0000);
  }

  /** Bit 15: the structure of the value changed. */
  public boolean structureChanged() {
    return (code & 0x8000) != 0;
  }

  /** Bit 14: the semantics of the value changed. */
  public boolean semanticsChanged() {
    return (code & 0x4000) != 0;
  }

  /** The info type, bits 10..11: 0 none, 1 DataValue. */
  public int infoType() {
    return (code >>> 10) & 3;
  }

  /** The limit bits, or {@link Limit#NONE} if the info type is not DataValue. */
  public Limit limit() {
    if (infoType() != 1) {
      return Limit.NONE;
    }
    return Limit.values()[(code >>> 8) & 3];
  }

  /** Bit 7, overflow, when the info type is DataValue. */
  public boolean overflow() {
    return infoType() == 1 && (code & 0x80) != 0;
  }

  /** This code with the info type set to DataValue and the limit bits set to {@code limit}. */
  public StatusCode withLimit(Limit limit) {
    int c = (code & ~0x0F00) | 0x0400 | (limit.ordinal() << 8);
    return new StatusCode(c);
  }

  /** The symbolic name of the code with its info bits cleared, if it is a known code. */
  public Optional<String> symbol() {
    return Optional.ofNullable(StatusCodeNames.nameOf(code));
  }

  /** For example {@code BadTimeout (0x800A0000)}. */
  @Override
  public String toString() {
    String hex = String.format("0x%08X", code);
    String name = StatusCodeNames.nameOf(code);
    return name == null ? hex : name + " (" + hex + ")";
  }
}
