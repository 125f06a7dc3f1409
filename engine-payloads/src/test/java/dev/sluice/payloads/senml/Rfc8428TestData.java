package dev.sluice.payloads.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 8428 examples in the test resources, {@code conformance/senml-rfc8428}, and the
 * manifest.json that lists them with their expected results.
 */
final class Rfc8428TestData {

  /** One entry of manifest.json. */
  record Case(
      String id,
      String source,
      String canonical,
      String resolved,
      boolean resolvedTimesAreNow,
      boolean resolvedIsNormative) {}

  private Rfc8428TestData() {}

  static Path root() {
    return dev.sluice.payloads.ConformanceData.root().resolve("senml-rfc8428");
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of manifest.json, read with Jackson's streaming parser. */
  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(bytes("manifest.json"))) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("cases")) {
          p.nextToken();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, Object> fields = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              fields.put(
                  name,
                  v == JsonToken.VALUE_TRUE
                      ? Boolean.TRUE
                      : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : p.getValueAsString());
            }
            cases.add(
                new Case(
                    (String) fields.get("id"),
                    (String) fields.get("source"),
                    (String) fields.get("canonical"),
                    (String) fields.get("resolved"),
                    Boolean.TRUE.equals(fields.get("resolvedTimesAreNow")),
                    Boolean.TRUE.equals(fields.get("resolvedIsNormative"))));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }
}
