package dev.sluice.scenario.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled text template: literal text with {@code {{placeholder}}}s. A placeholder is a field
 * path into the JSON payload ({@code device}, {@code reading.value}, {@code items.0.id}: dots
 * between names, a number indexes an array) or a built-in ({@code $payload}, {@code $seq},
 * {@code $intendedEpochMillis}), optionally followed by {@code |json} to insert the value
 * JSON-encoded (strings quoted and escaped). Nothing else: no expressions, no loops, no class
 * names, so a template from an untrusted file can do no more than copy payload values.
 *
 * <p>Immutable and thread-safe; rendering allocates the output string.
 */
public final class Template {

  /** The built-ins. */
  public static final Set<String> BUILT_INS = Set.of("$payload", "$seq", "$intendedEpochMillis");

  /** How a rendered value is encoded into the output. */
  public enum Encoding {
    /** As is (bodies). */
    TEXT,
    /** Percent-encoded as a URL component (everything but unreserved characters). */
    URL,
    /** As is; a value with a line break is refused (header values). */
    HEADER
  }

  /** A value a template needs and the payload does not have. */
  public static final class MissingFieldException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingFieldException(String message) {
      super(message, null, false, false);
    }
  }

  /** What a template reads from. */
  public record Values(JsonNode json, byte[] payload, long seq, long intendedEpochMillis) {}

  private record Part(String literal, String name, String[] path, boolean json, int column) {}

  private final String where;
  private final String source;
  private final List<Part> parts;

  private Template(String where, String source, List<Part> parts) {
    this.where = where;
    this.source = source;
    this.parts = parts;
  }

  /**
   * Compiles {@code text}.
   *
   * @param where what the template is, for messages (e.g. {@code url}, {@code header
   *     'X-Seq'})
   * @throws IllegalArgumentException with the column of the first syntax error
   */
  public static Template parse(String where, String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    StringBuilder literal = new StringBuilder();
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, open);
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw error(where, open, "'{{' is not closed by '}}'");
      }
      String inner = text.substring(open + 2, close).trim();
      if (inner.contains("{{")) {
        throw error(where, open, "'{{' is not closed by '}}' before the next '{{'");
      }
      boolean json = false;
      int bar = inner.indexOf('|');
      if (bar >= 0) {
        String filter = inner.substring(bar + 1).trim();
        if (!filter.equals("json")) {
          throw error(where, open, "unknown filter '" + filter + "'; the only filter is 'json'");
        }
        json = true;
        inner = inner.substring(0, bar).trim();
      }
      if (inner.isEmpty()) {
        throw error(where, open, "empty placeholder");
      }
      String[] path = null;
      if (inner.startsWith("$")) {
        if (!BUILT_INS.contains(inner)) {
          throw error(where, open, "unknown built-in '" + inner + "'; built-ins: "
              + new java.util.TreeSet<>(BUILT_INS));
        }
      } else {
        path = inner.split("\\.", -1);
        for (String segment : path) {
          if (!segment.matches("[A-Za-z0-9_-]+")) {
            throw error(where, open, "invalid field path '" + inner + "': use names of letters,"
                + " digits, '_' or '-' separated by '.'");
          }
        }
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), null, null, false, 0));
        literal.setLength(0);
      }
      parts.add(new Part(null, inner, path, json, open + 1));
      i = close + 2;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, null, false, 0));
    }
    return new Template(where, text, List.copyOf(parts));
  }

  private static IllegalArgumentException error(String where, int index, String message) {
    return new IllegalArgumentException(where + " template, column " + (index + 1) + ": " + message);
  }

  /** The template's text. */
  public String source() {
    return source;
  }

  /** True if some placeholder reads a payload field (so the payload must be JSON). */
  public boolean usesFields() {
    for (Part p : parts) {
      if (p.path != null) {
        return true;
      }
    }
    return false;
  }

  /** True if the template is exactly {@code {{$payload}}}: the payload's bytes, unchanged. */
  public boolean isRawPayload() {
    return parts.size() == 1 && "$payload".equals(parts.get(0).name) && !parts.get(0).json;
  }

  /**
   * The placeholders whose field {@code sample} lacks, each as a located message naming the
   * fields the sample has; empty if all are there.
   */
  public List<String> unknownFields(JsonNode sample) {
    List<String> problems = new ArrayList<>();
    for (Part p : parts) {
      if (p.path == null) {
        continue;
      }
      if (lookup(sample, p.path) == null) {
        List<String> known = new ArrayList<>();
        sample.fieldNames().forEachRemaining(known::add);
        problems.add(where + " template, column " + p.column + ": unknown field '" + p.name
            + "'; the payload's fields: " + (sample.isObject() ? known : "(none: the payload is a "
            + sample.getNodeType().name().toLowerCase(Locale.ROOT) + ")")
            + "; built-ins: " + new java.util.TreeSet<>(BUILT_INS));
      }
    }
    return problems;
  }

  /**
   * Fills the template.
   *
   * @throws MissingFieldException if a field is missing from this payload (or it is not JSON)
   */
  public String render(Values v, Encoding encoding) throws MissingFieldException {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part p : parts) {
      if (p.literal != null) {
        out.append(p.literal);
        continue;
      }
      String value;
      if (p.path == null) {
        value = switch (p.name) {
          case "$payload" -> {
            String s = new String(v.payload(), StandardCharsets.UTF_8);
            yield p.json ? com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString() : s;
          }
          case "$seq" -> Long.toString(v.seq());
          default -> Long.toString(v.intendedEpochMillis());
        };
      } else {
        JsonNode n = v.json() == null ? null : lookup(v.json(), p.path);
        if (n == null) {
          throw new MissingFieldException(where + " template, column " + p.column + ": field '"
              + p.name + "' is missing from payload " + v.seq());
        }
        value = p.json || !n.isValueNode() ? n.toString() : n.asText();
      }
      switch (encoding) {
        case URL -> out.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        case HEADER -> {
          if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new MissingFieldException(where + " template, column " + p.column
                + ": value of '" + p.name + "' has a line break, not allowed in a header");
          }
          out.append(value);
        }
        default -> out.append(value);
      }
    }
    return out.toString();
  }

  private static JsonNode lookup(JsonNode node, String[] path) {
    JsonNode n = node;
    for (String segment : path) {
      if (n == null) {
        return null;
      }
      if (n.isArray() && !segment.isEmpty() && Character.isDigit(segment.charAt(0))) {
        try {
          n = n.get(Integer.parseInt(segment));
        } catch (NumberFormatException e) {
          return null;
        }
      } else if (n.isObject()) {
        n = n.get(segment);
      } else {
        return null;
      }
    }
    return n == null || n.isMissingNode() ? null : n;
  }
}
