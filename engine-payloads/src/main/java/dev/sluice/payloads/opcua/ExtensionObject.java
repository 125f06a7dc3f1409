package dev.sluice.payloads.opcua;

import dev.sluice.payloads.opcua.internal.JsonBodies;
import java.util.Objects;

/**
 * An OPC UA ExtensionObject: a Structure value that is not a built-in type, tagged with the NodeId
 * of its DataType (or, in data written by 1.04 encoders, of its DataTypeEncoding).
 *
 * <p>This library has no type dictionary, so it keeps the body as the encoder wrote it: a JSON
 * object of the Structure's fields ({@link Encoding#JSON}), UA Binary bytes ({@link
 * Encoding#BINARY}) or UA XML ({@link Encoding#XML}). A JSON body is held as compact JSON text
 * (whitespace removed, numbers and member order kept exactly), so two ExtensionObjects are equal
 * when they have the same type id and the same fields in the same order.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> constructing a JSON-bodied object
 * parses and re-writes the body once. <b>Failure:</b> the constructor throws {@link
 * NullPointerException} for a null argument and {@link IllegalArgumentException} when the body
 * does not suit the encoding: a JSON body that is not exactly one JSON object, that repeats a
 * member name at any level, or that contains the reserved member {@code UaTypeId}; a binary body
 * that is not a {@link ByteString}; an XML body that is not an {@link XmlElement}.
 *
 * @param typeId the DataType NodeId (namespace index or URI form)
 * @param encoding how the body is encoded
 * @param body the body: a {@link String} holding a JSON object, a {@link ByteString} or an {@link
 *     XmlElement}
 */
public record ExtensionObject(ExpandedNodeId typeId, Encoding encoding, Object body) {

  /** How the body of an ExtensionObject is encoded (Part 6 {@code UaEncoding}). */
  public enum Encoding {
    /** A JSON object with the Structure's fields ({@code UaEncoding} omitted, or 0 in 1.04). */
    JSON,
    /** UA Binary bytes ({@code UaEncoding} 1), Base64 in JSON. */
    BINARY,
    /** UA XML ({@code UaEncoding} 2), a string in JSON. */
    XML;

    /** The {@code UaEncoding} number: 0, 1 or 2. */
    public int id() {
      return ordinal();
    }
  }

  /** Validates the body against the encoding and normalises a JSON body. */
  public ExtensionObject {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(body, "body");
    switch (encoding) {
      case JSON -> {
        if (!(body instanceof String json)) {
          throw new IllegalArgumentException(
              "a JSON ExtensionObject body must be a String, got " + body.getClass().getSimpleName());
        }
        body = JsonBodies.normalizeObject(json);
      }
      case BINARY -> {
        if (!(body instanceof ByteString)) {
          throw new IllegalArgumentException(
              "a binary ExtensionObject body must be a ByteString, got "
                  + body.getClass().getSimpleName());
        }
      }
      case XML -> {
        if (!(body instanceof XmlElement)) {
          throw new IllegalArgumentException(
              "an XML ExtensionObject body must be an XmlElement, got "
                  + body.getClass().getSimpleName());
        }
      }
    }
  }

  /** A Structure encoded as a JSON object such as {@code {"Low":0.5,"High":99.5}}. */
  public static ExtensionObject ofJson(NodeId typeId, String jsonObject) {
    return new ExtensionObject(ExpandedNodeId.of(typeId), Encoding.JSON, jsonObject);
  }

  /** A Structure encoded in UA Binary. */
  public static ExtensionObject ofBinary(NodeId typeId, ByteString body) {
    return new ExtensionObject(ExpandedNodeId.of(typeId), Encoding.BINARY, body);
  }

  /** A Structure encoded in UA XML. */
  public static ExtensionObject ofXml(NodeId typeId, XmlElement body) {
    return new ExtensionObject(ExpandedNodeId.of(typeId), Encoding.XML, body);
  }

  /**
   * The JSON body as compact JSON text.
   *
   * @throws IllegalStateException if the body is not JSON
   */
  public String jsonBody() {
    return bodyAs(Encoding.JSON, String.class);
  }

  /**
   * The UA Binary body.
   *
   * @throws IllegalStateException if the body is not binary
   */
  public ByteString binaryBody() {
    return bodyAs(Encoding.BINARY, ByteString.class);
  }

  /**
   * The UA XML body.
   *
   * @throws IllegalStateException if the body is not XML
   */
  public XmlElement xmlBody() {
    return bodyAs(Encoding.XML, XmlElement.class);
  }

  private <T> T bodyAs(Encoding wanted, Class<T> type) {
    if (encoding != wanted) {
      throw new IllegalStateException("the body is " + encoding + ", not " + wanted);
    }
    return type.cast(body);
  }
}
