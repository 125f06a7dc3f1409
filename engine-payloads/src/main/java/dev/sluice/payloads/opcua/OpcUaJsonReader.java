package dev.sluice.payloads.opcua;

import com.fasterxml.jackson.core.JsonFactory;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.opcua.internal.JsonDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@link DataValue}s and {@link Variant}s from OPC UA JSON (Part 6 §5.4): the 1.05 compact
 * and verbose encodings and the 1.04 reversible encoding, told apart per value.
 *
 * <p>Accepted beyond what {@link OpcUaJsonWriter} writes: a DataValue whose {@code Value} is a
 * 1.04 Variant object {@code {"Type":..,"Body":..,"Dimensions":..}} (or {@code "Dimension"}, as
 * open62541 1.4 writes it); {@code StatusCode} for {@code
 * Status}; {@code SourcePicoSeconds}/{@code ServerPicoSeconds} for the 1.05 spellings; StatusCodes
 * as plain numbers, as {@code {"Code":..}} or as {@code {"Symbol":..}} alone; NodeIds,
 * ExpandedNodeIds and QualifiedNames in the 1.04 object forms; LocalizedText as a plain string;
 * Int64/UInt64 as JSON numbers; DateTimes with a numeric offset; fields in any order. Unknown
 * fields and duplicates are errors, so typos do not pass silently.
 *
 * <p>Values of types 22..24 are read in the form that matches their Variant: an ExtensionObject is
 * {@code {"UaTypeId":..,<fields>}} or {@code {"UaTypeId":..,"UaEncoding":1|2,"UaBody":..}} under
 * {@code UaType}/{@code Value}, and {@code {"TypeId":..,"Encoding":..,"Body":..}} under the 1.04
 * {@code Type}/{@code Body}; a DataValue inside a Variant is a DataValue object of either form;
 * an array of Variants holds Variant objects (a {@code null} element is the Null Variant). What
 * Part 6 §5.1.9 forbids is an error: a DiagnosticInfo or a scalar Variant inside a Variant, and a
 * DataValue whose Variant contains another DataValue.
 *
 * <p>Errors are {@link PayloadFormatException}s with format {@code opcua-json} and a location
 * {@code <JSON path>, line L, column C}, for example {@code $.Value.Body[2], line 1, column 31}.
 *
 * <p><b>Threading:</b> immutable and thread-safe; share one instance. <b>Allocation:</b> each call
 * allocates a parser and the result; String inputs are first encoded to UTF-8. <b>Failure:</b>
 * malformed input and input over the {@link PayloadLimits} (bytes, elements per array or object as
 * {@code maxRecords}, nesting depth, string and member-name length) raise {@link
 * PayloadFormatException}; nothing else is thrown for any input.
 */
public final class OpcUaJsonReader {

  private static final OpcUaJsonReader DEFAULT = new OpcUaJsonReader(PayloadLimits.DEFAULTS);

  private final PayloadLimits limits;
  private final JsonFactory factory;

  private OpcUaJsonReader(PayloadLimits limits) {
    this.limits = limits;
    this.factory = JsonDecoder.factoryFor(limits);
  }

  /** A reader with {@link PayloadLimits#DEFAULTS}. */
  public static OpcUaJsonReader create() {
    return DEFAULT;
  }

  /** A reader enforcing {@code limits}. */
  public static OpcUaJsonReader create(PayloadLimits limits) {
    return new OpcUaJsonReader(Objects.requireNonNull(limits, "limits"));
  }

  /** The limits this reader enforces. */
  public PayloadLimits limits() {
    return limits;
  }

  /**
   * Reads a document holding one DataValue object.
   *
   * @throws PayloadFormatException if the input is not a valid DataValue
   */
  public DataValue readDataValue(byte[] json) {
    return decoder(json).readDataValue();
  }

  /**
   * Reads a document holding one DataValue object.
   *
   * @throws PayloadFormatException if the input is not a valid DataValue
   */
  public DataValue readDataValue(String json) {
    return readDataValue(bytes(json));
  }

  /**
   * Reads a JSON array of DataValue objects.
   *
   * @return an unmodifiable list in document order
   * @throws PayloadFormatException if the input is not such an array
   */
  public List<DataValue> readDataValueArray(byte[] json) {
    return decoder(json).readDataValueArray();
  }

  /**
   * Reads a JSON array of DataValue objects.
   *
   * @throws PayloadFormatException if the input is not such an array
   */
  public List<DataValue> readDataValueArray(String json) {
    return readDataValueArray(bytes(json));
  }

  /**
   * Reads a JSON object whose members are DataValue objects, for example keyed by NodeId string.
   *
   * @return an unmodifiable map in document order
   * @throws PayloadFormatException if the input is not such an object or repeats a member name
   */
  public Map<String, DataValue> readDataValueObject(byte[] json) {
    return decoder(json).readDataValueObject();
  }

  /**
   * Reads a JSON object whose members are DataValue objects.
   *
   * @throws PayloadFormatException if the input is not such an object
   */
  public Map<String, DataValue> readDataValueObject(String json) {
    return readDataValueObject(bytes(json));
  }

  /**
   * Reads one Variant object, {@code {"UaType":..,"Value":..}} or {@code {"Type":..,"Body":..}}.
   *
   * @throws PayloadFormatException if the input is not a valid Variant
   */
  public Variant readVariant(byte[] json) {
    return decoder(json).readVariant();
  }

  /**
   * Reads one Variant object.
   *
   * @throws PayloadFormatException if the input is not a valid Variant
   */
  public Variant readVariant(String json) {
    return readVariant(bytes(json));
  }

  /**
   * Reads one DiagnosticInfo object (the same field names in 1.04 and 1.05; absent fields take
   * their defaults). Nesting through {@code InnerDiagnosticInfo} is bounded by {@link
   * PayloadLimits#maxNestingDepth()}; Part 6 asks decoders to accept at least 100 levels, which
   * needs a limit of 101 or more (the default is 32).
   *
   * @throws PayloadFormatException if the input is not a valid DiagnosticInfo
   */
  public DiagnosticInfo readDiagnosticInfo(byte[] json) {
    return decoder(json).readDiagnosticInfo();
  }

  /**
   * Reads one DiagnosticInfo object.
   *
   * @throws PayloadFormatException if the input is not a valid DiagnosticInfo
   */
  public DiagnosticInfo readDiagnosticInfo(String json) {
    return readDiagnosticInfo(bytes(json));
  }

  private JsonDecoder decoder(byte[] json) {
    return new JsonDecoder(factory, Objects.requireNonNull(json, "json"), limits);
  }

  private static byte[] bytes(String json) {
    return Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
  }
}
