package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.sluice.payloads.opcua.ByteString;
import dev.sluice.payloads.opcua.DiagnosticInfo;
import dev.sluice.payloads.opcua.ExpandedNodeId;
import dev.sluice.payloads.opcua.ExtensionObject;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.XmlElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads ExtensionObjects (1.05 and 1.04 forms) and DiagnosticInfos at the cursor. ExtensionObject
 * bodies are copied as opaque JSON; neither type re-reads skipped values, so the parser may be
 * held in a local here. Not thread-safe; one per run.
 */
final class StructReader {

  private static final JsonFactory BODY_FACTORY = new JsonFactory();

  private final JsonCursor c;
  private final ScalarReader scalars;

  StructReader(JsonCursor c, ScalarReader scalars) {
    this.c = c;
    this.scalars = scalars;
  }

  /** A string field read before the field that tells how to decode it. */
  private record PendingText(String text, int line, int column) {}

  private PendingText pendingText(JsonParser p, String what) throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    return new PendingText(c.text(what), c.lineOf(loc), c.columnOf(loc));
  }

  /**
   * A 1.05 ExtensionObject: the Structure's fields with {@code UaTypeId} among them, or {@code
   * UaTypeId}, {@code UaEncoding} 1|2 and {@code UaBody}. An empty object is the null
   * ExtensionObject (the verbose encoding's default value) and reads as null.
   */
  ExtensionObject readExtensionObject() throws IOException {
    JsonParser p = c.parser();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("an ExtensionObject object with a UaTypeId field");
    }
    ExpandedNodeId typeId = null;
    int encoding = 0;
    PendingText body = null;
    int structureFields = 0;
    Set<String> names = new HashSet<>();
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = BODY_FACTORY.createGenerator(out)) {
      g.writeStartObject();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        c.path().pushField(name);
        if (!names.add(name)) {
          throw c.error("duplicate field '" + name + "'");
        }
        p.nextToken();
        switch (name) {
          case JsonFields.UA_TYPE_ID -> typeId = typeId(p);
          case JsonFields.UA_ENCODING -> {
            encoding = (int) c.integerInRange(0, 2, "a UaEncoding (1 UA Binary, 2 UA XML)");
          }
          case JsonFields.UA_BODY ->
              body = pendingText(p, "a UaBody string (Base64 for UA Binary, text for UA XML)");
          default -> {
            g.writeFieldName(name);
            JsonBodies.copyValue(p, g);
            structureFields++;
          }
        }
        c.path().pop();
      }
      g.writeEndObject();
    }
    if (names.isEmpty()) {
      return null;
    }
    if (typeId == null) {
      throw c.error("ExtensionObject has no UaTypeId field (the NodeId of its DataType)");
    }
    if (encoding == 0) {
      if (body != null) {
        throw c.errorAt(
            JsonFields.UA_BODY,
            body.line(),
            body.column(),
            "UaBody needs UaEncoding 1 (UA Binary) or 2 (UA XML); a JSON-encoded Structure puts"
                + " its fields beside UaTypeId");
      }
      String json = new String(out.toByteArray(), StandardCharsets.UTF_8);
      return new ExtensionObject(typeId, ExtensionObject.Encoding.JSON, json);
    }
    if (structureFields > 0) {
      throw c.error(
          "an ExtensionObject with UaEncoding "
              + encoding
              + " has only UaTypeId, UaEncoding and UaBody, but Structure fields were found too");
    }
    if (body == null) {
      throw c.error("UaEncoding " + encoding + " given without UaBody");
    }
    return encoded(typeId, encoding, body, JsonFields.UA_BODY);
  }

  /**
   * A 1.04 ExtensionObject {@code {"TypeId":..,"Encoding":..,"Body":..}}. A missing or null Body
   * is the null ExtensionObject and reads as null.
   */
  ExtensionObject readLegacyExtensionObject() throws IOException {
    JsonParser p = c.parser();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("an ExtensionObject object {\"TypeId\":..,\"Encoding\":..,\"Body\":..}");
    }
    ExpandedNodeId typeId = null;
    int encoding = 0;
    PendingText textBody = null;
    String jsonBody = null;
    int bodyLine = 0;
    int bodyColumn = 0;
    JsonCursor.Members members =
        c.members(
            "ExtensionObject", JsonFields.TYPE_ID_104, JsonFields.ENCODING_104, JsonFields.BODY_104);
    for (int m = members.next(); m >= 0; m = members.next()) {
      switch (m) {
        case 0 -> typeId = typeId(p);
        case 1 -> encoding = (int) c.integerInRange(0, 2, "an Encoding (0 JSON, 1 UA Binary, 2 UA XML)");
        default -> {
          JsonLocation loc = p.currentTokenLocation();
          bodyLine = c.lineOf(loc);
          bodyColumn = c.columnOf(loc);
          switch (p.currentToken()) {
            case VALUE_NULL -> {}
            case START_OBJECT -> jsonBody = copyObject(p);
            case VALUE_STRING -> textBody = pendingText(p, "a Body string");
            default -> throw c.expected("a Body object (Encoding 0) or string (Encoding 1 or 2)");
          }
        }
      }
      c.path().pop();
    }
    if (jsonBody == null && textBody == null) {
      return null;
    }
    if (typeId == null) {
      throw c.error("ExtensionObject has a Body but no TypeId");
    }
    if (encoding == 0) {
      if (jsonBody == null) {
        throw c.errorAt(
            JsonFields.BODY_104,
            bodyLine,
            bodyColumn,
            "Encoding 0 (or none) needs a JSON object Body; a string Body needs Encoding 1 or 2");
      }
      try {
        return new ExtensionObject(typeId, ExtensionObject.Encoding.JSON, jsonBody);
      } catch (IllegalArgumentException e) {
        throw c.errorAt(JsonFields.BODY_104, bodyLine, bodyColumn, e.getMessage());
      }
    }
    if (textBody == null) {
      throw c.errorAt(
          JsonFields.BODY_104,
          bodyLine,
          bodyColumn,
          "Encoding " + encoding + " needs a string Body (Base64 or XML), not an object");
    }
    return encoded(typeId, encoding, textBody, JsonFields.BODY_104);
  }

  private ExpandedNodeId typeId(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      throw c.error("the type id of an ExtensionObject cannot be null");
    }
    return scalars.decodeExpandedNodeId();
  }

  private String copyObject(JsonParser p) throws IOException {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = BODY_FACTORY.createGenerator(out)) {
      JsonBodies.copyValue(p, g);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private ExtensionObject encoded(
      ExpandedNodeId typeId, int encoding, PendingText body, String bodyField) {
    if (encoding == 2) {
      return new ExtensionObject(
          typeId, ExtensionObject.Encoding.XML, new XmlElement(body.text()));
    }
    try {
      ByteString bytes = ByteString.of(Base64.getDecoder().decode(body.text()));
      return new ExtensionObject(typeId, ExtensionObject.Encoding.BINARY, bytes);
    } catch (IllegalArgumentException e) {
      throw c.errorAt(
          bodyField,
          body.line(),
          body.column(),
          "a UA Binary body is not valid Base64: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- DiagnosticInfo

  /** A DiagnosticInfo object; {@code null} reads as null. Fields at their default may be absent. */
  DiagnosticInfo readDiagnosticInfo() throws IOException {
    JsonParser p = c.parser();
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("a DiagnosticInfo object");
    }
    int symbolicId = -1;
    int namespaceUri = -1;
    int locale = -1;
    int localizedText = -1;
    String additionalInfo = null;
    StatusCode inner = StatusCode.GOOD;
    DiagnosticInfo innerInfo = null;
    JsonCursor.Members members =
        c.members(
            "DiagnosticInfo",
            JsonFields.SYMBOLIC_ID,
            JsonFields.NAMESPACE_URI,
            JsonFields.LOCALE,
            JsonFields.LOCALIZED_TEXT,
            JsonFields.ADDITIONAL_INFO,
            JsonFields.INNER_STATUS_CODE,
            JsonFields.INNER_DIAGNOSTIC_INFO);
    for (int m = members.next(); m >= 0; m = members.next()) {
      boolean isNull = p.currentToken() == JsonToken.VALUE_NULL;
      switch (m) {
        case 0 -> symbolicId = index(isNull);
        case 1 -> namespaceUri = index(isNull);
        case 2 -> locale = index(isNull);
        case 3 -> localizedText = index(isNull);
        case 4 -> additionalInfo = isNull ? null : c.text("an AdditionalInfo string");
        case 5 -> inner = scalars.decodeStatusCodeOrNull();
        default -> innerInfo = readDiagnosticInfo();
      }
      c.path().pop();
    }
    return new DiagnosticInfo(
        symbolicId, namespaceUri, locale, localizedText, additionalInfo, inner, innerInfo);
  }

  private int index(boolean isNull) throws IOException {
    return isNull
        ? -1
        : (int) c.integerInRange(-1, Integer.MAX_VALUE, "a string-table index (-1 for none)");
  }
}
