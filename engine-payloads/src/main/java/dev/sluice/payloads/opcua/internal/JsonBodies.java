package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Opaque JSON bodies of ExtensionObjects: copied token by token with exact number text and
 * duplicate member names rejected at every level (Part 6 §5.4.2.16 requires decoders to report
 * them). Stateless and thread-safe.
 */
public final class JsonBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBodies() {}

  /** True for the member names that ExtensionObject encoding itself uses. */
  public static boolean isReserved(String name) {
    return name.equals(JsonFields.UA_TYPE_ID)
        || name.equals(JsonFields.UA_ENCODING)
        || name.equals(JsonFields.UA_BODY);
  }

  /**
   * Checks that {@code json} is exactly one JSON object without reserved top-level members and
   * returns it in compact form.
   *
   * @throws IllegalArgumentException if it is not, naming the line and column
   */
  public static String normalizeObject(String json) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(json.length());
        JsonParser p = FACTORY.createParser(json)) {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException(
              "an ExtensionObject JSON body must be a JSON object, was: " + abbreviate(json));
        }
        copy(p, g, true);
        if (p.nextToken() != null) {
          throw new IllegalArgumentException(
              "an ExtensionObject JSON body must be one JSON object, found more after it");
        }
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "an ExtensionObject JSON body is not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the value at the parser's current token to {@code g}, leaving the parser on its last
   * token.
   *
   * @throws JsonParseException at a repeated member name, with its location
   */
  public static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
    copy(p, g, false);
  }

  private static void copy(JsonParser p, JsonGenerator g, boolean bodyObject) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        g.writeStartObject();
        Set<String> names = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (bodyObject && isReserved(name)) {
            throw new IllegalArgumentException(
                "an ExtensionObject JSON body cannot have a member named '" + name + "'");
          }
          if (!names.add(name)) {
            throw duplicate(p, name);
          }
          g.writeFieldName(name);
          p.nextToken();
          copy(p, g, false);
        }
        g.writeEndObject();
      }
      case START_ARRAY -> {
        g.writeStartArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          copy(p, g, false);
        }
        g.writeEndArray();
      }
      case VALUE_STRING -> g.writeString(p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
      case VALUE_TRUE -> g.writeBoolean(true);
      case VALUE_FALSE -> g.writeBoolean(false);
      case VALUE_NULL -> g.writeNull();
      default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
    }
  }

  /** Writes the members of a compact JSON object (from {@link #normalizeObject}) into {@code g}. */
  public static void writeMembers(JsonGenerator g, String normalizedObject) throws IOException {
    try (JsonParser p = FACTORY.createParser(normalizedObject)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        g.writeFieldName(p.currentName());
        p.nextToken();
        copyValue(p, g);
      }
    }
  }

  private static JsonParseException duplicate(JsonParser p, String name) {
    return new JsonParseException(p, "duplicate member '" + name + "'", p.currentTokenLocation());
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
