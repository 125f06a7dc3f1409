package dev.sluice.payloads.opcua;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.sluice.payloads.opcua.internal.JsonValueWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@link DataValue}s and {@link Variant}s in the OPC UA 1.05 JSON encoding (Part 6 §5.4),
 * compact or verbose, as UTF-8 JSON.
 *
 * <p>A DataValue is one object: the Variant fields {@code UaType}, {@code Value} and (for
 * matrices) {@code Dimensions}, then {@code Status}, {@code SourceTimestamp}, {@code
 * SourcePicoseconds}, {@code ServerTimestamp} and {@code ServerPicoseconds}. Int64 and UInt64 are
 * decimal strings, Float/Double NaN and infinities are the strings {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"}, DateTimes are ISO 8601 UTC strings clamped to
 * 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z, ByteStrings are Base64, NodeIds, ExpandedNodeIds and
 * QualifiedNames are their string forms, StatusCodes are {@code {"Code":..,"Symbol":..}} objects
 * and LocalizedTexts {@code {"Locale":..,"Text":..}} objects. An ExtensionObject is an object
 * with {@code UaTypeId} first and then either the fields of its JSON body or {@code UaEncoding}
 * and {@code UaBody}; a DataValue inside a Variant is a nested DataValue object; an array of
 * Variants is an array of Variant objects with {@code null} for a Null Variant. See {@link
 * OpcUaJsonEncoding} for what differs between compact and verbose.
 *
 * <p><b>Threading:</b> immutable and thread-safe; share one instance. <b>Allocation:</b> each call
 * allocates its output and a Jackson generator. <b>Failure:</b> the {@code byte[]} and {@code
 * String} methods do not fail for valid model objects; the {@link OutputStream} method rethrows
 * the stream's {@link IOException}.
 */
public final class OpcUaJsonWriter {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final OpcUaJsonWriter COMPACT = new OpcUaJsonWriter(OpcUaJsonEncoding.COMPACT);
  private static final OpcUaJsonWriter VERBOSE = new OpcUaJsonWriter(OpcUaJsonEncoding.VERBOSE);

  private final OpcUaJsonEncoding encoding;
  private final JsonValueWriter writer;

  private OpcUaJsonWriter(OpcUaJsonEncoding encoding) {
    this.encoding = encoding;
    this.writer = new JsonValueWriter(encoding == OpcUaJsonEncoding.VERBOSE);
  }

  /** The writer of {@code encoding}. */
  public static OpcUaJsonWriter of(OpcUaJsonEncoding encoding) {
    return Objects.requireNonNull(encoding, "encoding") == OpcUaJsonEncoding.COMPACT
        ? COMPACT
        : VERBOSE;
  }

  /** The compact writer. */
  public static OpcUaJsonWriter compact() {
    return COMPACT;
  }

  /** The verbose writer. */
  public static OpcUaJsonWriter verbose() {
    return VERBOSE;
  }

  /** The encoding this writer produces. */
  public OpcUaJsonEncoding encoding() {
    return encoding;
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] toBytes(Body body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        body.write(g);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory JSON output failed", e);
    }
  }

  /** One DataValue as a UTF-8 JSON object. */
  public byte[] writeDataValue(DataValue value) {
    Objects.requireNonNull(value, "value");
    return toBytes(g -> writer.writeDataValue(g, value));
  }

  /** One DataValue as a JSON object string. */
  public String writeDataValueAsString(DataValue value) {
    return new String(writeDataValue(value), StandardCharsets.UTF_8);
  }

  /**
   * One DataValue to {@code out}, which is not closed.
   *
   * @throws IOException if the stream fails
   */
  public void writeDataValue(DataValue value, OutputStream out) throws IOException {
    Objects.requireNonNull(value, "value");
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      writer.writeDataValue(g, value);
    }
  }

  /** DataValues as a UTF-8 JSON array. */
  public byte[] writeDataValueArray(List<DataValue> values) {
    Objects.requireNonNull(values, "values");
    return toBytes(
        g -> {
          g.writeStartArray();
          for (int i = 0, n = values.size(); i < n; i++) {
            writer.writeDataValue(g, values.get(i));
          }
          g.writeEndArray();
        });
  }

  /**
   * DataValues as a UTF-8 JSON object with one member per entry, in the map's iteration order;
   * keys are typically NodeId strings or PubSub field names.
   */
  public byte[] writeDataValueObject(Map<String, DataValue> values) {
    Objects.requireNonNull(values, "values");
    return toBytes(
        g -> {
          g.writeStartObject();
          for (Map.Entry<String, DataValue> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            writer.writeDataValue(g, e.getValue());
          }
          g.writeEndObject();
        });
  }

  /**
   * One DiagnosticInfo as a UTF-8 JSON object; fields at their defaults (-1, null, Good) are
   * omitted in both encodings, as Part 6 §5.4.2.13 says.
   */
  public byte[] writeDiagnosticInfo(DiagnosticInfo value) {
    Objects.requireNonNull(value, "value");
    return toBytes(g -> writer.writeDiagnosticInfo(g, value));
  }

  /** One Variant as a UTF-8 JSON object {@code {"UaType":..,"Value":..}}. */
  public byte[] writeVariant(Variant value) {
    Objects.requireNonNull(value, "value");
    return toBytes(g -> writer.writeVariant(g, value));
  }
}
