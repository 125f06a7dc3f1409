package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.ByteString;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.DiagnosticInfo;
import dev.sluice.payloads.opcua.ExpandedNodeId;
import dev.sluice.payloads.opcua.ExtensionObject;
import dev.sluice.payloads.opcua.LocalizedText;
import dev.sluice.payloads.opcua.NodeId;
import dev.sluice.payloads.opcua.QualifiedName;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import dev.sluice.payloads.opcua.XmlElement;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Writes the OPC UA 1.05 JSON forms with a Jackson generator. Stateless. */
public final class JsonValueWriter {

  private final boolean verbose;

  /** A writer of the verbose ({@code true}) or compact form. */
  public JsonValueWriter(boolean verbose) {
    this.verbose = verbose;
  }

  /** Writes a DataValue as one JSON object. */
  public void writeDataValue(JsonGenerator g, DataValue dv) throws IOException {
    g.writeStartObject();
    writeVariantFields(g, dv.value());
    StatusCode status = dv.status();
    if (verbose || status.code() != 0) {
      g.writeFieldName(JsonFields.STATUS);
      writeStatusCode(g, status);
    }
    writeTimestamp(g, JsonFields.SOURCE_TIMESTAMP, dv.sourceTimestamp());
    if (verbose || dv.sourcePicoseconds() != 0) {
      g.writeNumberField(JsonFields.SOURCE_PICOSECONDS, dv.sourcePicoseconds());
    }
    writeTimestamp(g, JsonFields.SERVER_TIMESTAMP, dv.serverTimestamp());
    if (verbose || dv.serverPicoseconds() != 0) {
      g.writeNumberField(JsonFields.SERVER_PICOSECONDS, dv.serverPicoseconds());
    }
    g.writeEndObject();
  }

  /** Writes a Variant as one JSON object. */
  public void writeVariant(JsonGenerator g, Variant v) throws IOException {
    g.writeStartObject();
    writeVariantFields(g, v);
    g.writeEndObject();
  }

  private void writeTimestamp(JsonGenerator g, String name, Instant t) throws IOException {
    if (t != null) {
      g.writeStringField(name, DateTimes.format(t));
    } else if (verbose) {
      g.writeNullField(name);
    }
  }

  private void writeVariantFields(JsonGenerator g, Variant v) throws IOException {
    if (v.isNull()) {
      if (verbose) {
        g.writeNumberField(JsonFields.UA_TYPE, 0);
        g.writeNullField(JsonFields.VALUE);
      }
      return;
    }
    BuiltinType t = v.type();
    g.writeNumberField(JsonFields.UA_TYPE, t.id());
    g.writeFieldName(JsonFields.VALUE);
    if (v.isArray()) {
      List<Object> elements = v.elements();
      g.writeStartArray();
      for (int i = 0, n = elements.size(); i < n; i++) {
        Object e = elements.get(i);
        if (e == null || e == Variant.NULL) {
          g.writeNull();
        } else {
          writeScalar(g, t, e);
        }
      }
      g.writeEndArray();
      if (v.isMatrix()) {
        g.writeFieldName(JsonFields.DIMENSIONS);
        g.writeStartArray();
        for (int d : v.dimensions()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
      }
    } else if (v.value() == null) {
      g.writeNull();
    } else {
      writeScalar(g, t, v.value());
    }
  }

  /** Writes one non-null scalar of type {@code t}. */
  public void writeScalar(JsonGenerator g, BuiltinType t, Object v) throws IOException {
    switch (t) {
      case BOOLEAN -> g.writeBoolean((Boolean) v);
      case SBYTE -> g.writeNumber((Byte) v);
      case INT16 -> g.writeNumber((Short) v);
      case BYTE, UINT16, INT32 -> g.writeNumber((Integer) v);
      case UINT32 -> g.writeNumber((Long) v);
      case INT64 -> g.writeString(Long.toString((Long) v));
      case UINT64 -> g.writeString(Long.toUnsignedString((Long) v));
      case FLOAT -> {
        float f = (Float) v;
        if (Float.isFinite(f)) {
          g.writeNumber(f);
        } else {
          g.writeString(Float.isNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
        }
      }
      case DOUBLE -> {
        double d = (Double) v;
        if (Double.isFinite(d)) {
          g.writeNumber(d);
        } else {
          g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
      }
      case STRING -> g.writeString((String) v);
      case DATE_TIME -> g.writeString(DateTimes.format((Instant) v));
      case GUID -> g.writeString(v.toString());
      case BYTE_STRING -> g.writeString(((ByteString) v).toBase64());
      case XML_ELEMENT -> g.writeString(((XmlElement) v).xml());
      case NODE_ID -> g.writeString(NodeIdText.format((NodeId) v));
      case EXPANDED_NODE_ID -> g.writeString(NodeIdText.format((ExpandedNodeId) v));
      case STATUS_CODE -> writeStatusCode(g, (StatusCode) v);
      case QUALIFIED_NAME -> g.writeString(v.toString());
      case LOCALIZED_TEXT -> writeLocalizedText(g, (LocalizedText) v);
      case EXTENSION_OBJECT -> writeExtensionObject(g, (ExtensionObject) v);
      case DATA_VALUE -> writeDataValue(g, (DataValue) v);
      case VARIANT -> writeVariant(g, (Variant) v);
      default -> throw new IllegalArgumentException("a Variant cannot hold " + t.specName());
    }
  }

  /**
   * Writes an ExtensionObject: {@code UaTypeId} first, then the Structure's fields (JSON body) or
   * {@code UaEncoding} and {@code UaBody} (UA Binary as Base64, UA XML as a string).
   */
  public void writeExtensionObject(JsonGenerator g, ExtensionObject e) throws IOException {
    g.writeStartObject();
    g.writeStringField(JsonFields.UA_TYPE_ID, NodeIdText.format(e.typeId()));
    switch (e.encoding()) {
      case JSON -> JsonBodies.writeMembers(g, e.jsonBody());
      case BINARY -> {
        g.writeNumberField(JsonFields.UA_ENCODING, 1);
        g.writeStringField(JsonFields.UA_BODY, e.binaryBody().toBase64());
      }
      case XML -> {
        g.writeNumberField(JsonFields.UA_ENCODING, 2);
        g.writeStringField(JsonFields.UA_BODY, e.xmlBody().xml());
      }
    }
    g.writeEndObject();
  }

  /** Writes a DiagnosticInfo, omitting every field at its default (Part 6 §5.4.2.13). */
  public void writeDiagnosticInfo(JsonGenerator g, DiagnosticInfo d) throws IOException {
    g.writeStartObject();
    writeIndex(g, JsonFields.SYMBOLIC_ID, d.symbolicId());
    writeIndex(g, JsonFields.NAMESPACE_URI, d.namespaceUri());
    writeIndex(g, JsonFields.LOCALE, d.locale());
    writeIndex(g, JsonFields.LOCALIZED_TEXT, d.localizedText());
    if (d.additionalInfo() != null) {
      g.writeStringField(JsonFields.ADDITIONAL_INFO, d.additionalInfo());
    }
    if (d.innerStatusCode().code() != 0) {
      g.writeFieldName(JsonFields.INNER_STATUS_CODE);
      writeStatusCode(g, d.innerStatusCode());
    }
    if (d.innerDiagnosticInfo() != null) {
      g.writeFieldName(JsonFields.INNER_DIAGNOSTIC_INFO);
      writeDiagnosticInfo(g, d.innerDiagnosticInfo());
    }
    g.writeEndObject();
  }

  private static void writeIndex(JsonGenerator g, String name, int index) throws IOException {
    if (index != -1) {
      g.writeNumberField(name, index);
    }
  }

  private void writeStatusCode(JsonGenerator g, StatusCode s) throws IOException {
    g.writeStartObject();
    if (verbose || s.code() != 0) {
      g.writeNumberField(JsonFields.CODE, s.unsigned());
    }
    if (verbose) {
      String symbol = StatusCodeNames.nameOf(s.code());
      if (symbol != null) {
        g.writeStringField(JsonFields.SYMBOL, symbol);
      }
    }
    g.writeEndObject();
  }

  private void writeLocalizedText(JsonGenerator g, LocalizedText t) throws IOException {
    g.writeStartObject();
    if (t.locale() != null) {
      g.writeStringField(JsonFields.LOCALE, t.locale());
    } else if (verbose) {
      g.writeNullField(JsonFields.LOCALE);
    }
    if (t.text() != null) {
      g.writeStringField(JsonFields.TEXT, t.text());
    } else if (verbose) {
      g.writeNullField(JsonFields.TEXT);
    }
    g.writeEndObject();
  }
}
