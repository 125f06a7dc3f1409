package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.io.IOException;

/**
 * The parser position of one decoding run: the Jackson parser, the JSON path, errors with their
 * locations, the primitive readers every value needs (strings, ranged integers, element counts)
 * and re-reading a value that was skipped until a sibling field told what it is.
 *
 * <p>Re-reading swaps {@link #parser()} for a sub-parser over the value's bytes; callers that
 * recurse into other values must ask for {@link #parser()} again rather than keep it in a local.
 * Not thread-safe; one per input.
 */
final class JsonCursor {

  static final String FORMAT = JsonDecoder.FORMAT;

  private final JsonFactory factory;
  private final byte[] data;
  private final PayloadLimits limits;
  private final JsonPath path = new JsonPath();
  private JsonParser p;
  private int baseLine = 1;
  private int baseColumn = 1;
  private long baseOffset;

  JsonCursor(JsonFactory factory, byte[] data, PayloadLimits limits) {
    this.factory = factory;
    this.data = data;
    this.limits = limits;
  }

  /** A body that reads with the cursor and may fail with an {@link IOException}. */
  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  JsonParser parser() {
    return p;
  }

  JsonPath path() {
    return path;
  }

  PayloadLimits limits() {
    return limits;
  }

  /** Runs {@code body} over the whole input, turning every parser failure into an error. */
  <T> T run(IoSupplier<T> body) {
    if (data.length > limits.maxInputBytes()) {
      throw new PayloadFormatException(
          FORMAT,
          "$",
          "input is "
              + data.length
              + " bytes, more than the limit of "
              + limits.maxInputBytes()
              + " bytes (PayloadLimits.maxInputBytes)");
    }
    try (JsonParser parser = factory.createParser(data)) {
      p = parser;
      return body.get();
    } catch (JsonProcessingException e) {
      throw convert(e);
    } catch (IOException e) {
      throw new PayloadFormatException(FORMAT, "$", "cannot read the input: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // only reachable with a maxNestingDepth far above the default; the run's state is dropped
      throw new PayloadFormatException(
          FORMAT,
          p == null ? "$" : location(p.currentLocation()),
          "nesting is too deep for this thread's stack; lower PayloadLimits.maxNestingDepth"
              + " (now "
              + limits.maxNestingDepth()
              + ")");
    }
  }

  private PayloadFormatException convert(JsonProcessingException e) {
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
    String reason;
    if (e instanceof StreamConstraintsException) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("nesting depth")) {
        reason =
            "nesting is deeper than the limit of "
                + limits.maxNestingDepth()
                + " (PayloadLimits.maxNestingDepth)";
      } else if (m.contains("Name length")) {
        reason =
            "a member name is longer than the limit of "
                + limits.maxLabelNameLength()
                + " characters (PayloadLimits.maxLabelNameLength)";
      } else if (m.contains("String value length")) {
        reason =
            "a string is longer than the limit of "
                + limits.maxStringLength()
                + " characters (PayloadLimits.maxStringLength)";
      } else {
        reason = "input exceeds a parser limit: " + m;
      }
    } else {
      reason = "malformed JSON: " + e.getOriginalMessage();
    }
    return new PayloadFormatException(FORMAT, location(loc), reason, e);
  }

  void expectDocumentStart(JsonToken expected, String what) throws IOException {
    JsonToken t = p.nextToken();
    if (t != expected) {
      throw error(
          "expected " + what + " but found " + (t == null ? "an empty document" : describe(t)));
    }
  }

  void expectDocumentEnd() throws IOException {
    if (p.nextToken() != null) {
      throw error("unexpected content after the end of the document");
    }
  }

  /** Fails when element {@code index} (0-based) would exceed {@code maxRecords}. */
  void checkCount(int index) {
    if (index >= limits.maxRecords()) {
      throw error("more than " + limits.maxRecords() + " elements (PayloadLimits.maxRecords)");
    }
  }

  // ---------------------------------------------------------------- errors

  /** An error at the current token. */
  PayloadFormatException error(String reason) {
    return new PayloadFormatException(FORMAT, location(p.currentTokenLocation()), reason);
  }

  /** "expected X but found Y" at the current token. */
  PayloadFormatException expected(String what) {
    return error("expected " + what + " but found " + describe(p.currentToken()));
  }

  /** An error at a location seen earlier, with {@code field} appended to the current path. */
  PayloadFormatException errorAt(String field, int line, int column, String reason) {
    path.pushField(field);
    String loc = path + ", line " + line + ", column " + column;
    path.pop();
    return new PayloadFormatException(FORMAT, loc, reason);
  }

  /** The line of a parser location in the whole input. */
  int lineOf(JsonLocation loc) {
    return baseLine + loc.getLineNr() - 1;
  }

  /** The column of a parser location in the whole input. */
  int columnOf(JsonLocation loc) {
    return Math.max(loc.getLineNr() == 1 ? baseColumn + loc.getColumnNr() - 1 : loc.getColumnNr(), 1);
  }

  String location(JsonLocation loc) {
    return path + ", line " + lineOf(loc) + ", column " + columnOf(loc);
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  // ---------------------------------------------------------------- primitives

  /** The current string token, checked against {@code maxStringLength}. */
  String text(String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw expected(what);
    }
    String s = p.getText();
    if (s.length() > limits.maxStringLength()) {
      throw error(
          "string of "
              + s.length()
              + " characters is longer than the limit of "
              + limits.maxStringLength()
              + " (PayloadLimits.maxStringLength)");
    }
    return s;
  }

  /** The current integer token, which must lie in {@code min..max}. */
  long integerInRange(long min, long max, String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw expected("an integer for " + what);
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw error(p.getText() + " is out of range for " + what + " (" + min + ".." + max + ")");
    }
    long v = p.getLongValue();
    if (v < min || v > max) {
      throw error(v + " is out of range for " + what + " (" + min + ".." + max + ")");
    }
    return v;
  }

  // ---------------------------------------------------------------- members

  /** Reads the members of one object of a kind whose member names are {@code names}. */
  Members members(String what, String... names) {
    return new Members(what, names);
  }

  /**
   * The members of one object, read one at a time: {@link #next()} moves to the next member,
   * pushes its name on the path, moves to its value and returns the name's index; the caller reads
   * the value and pops the path. Unknown and repeated names are errors at the name. One per object.
   */
  final class Members {
    private final String what;
    private final String[] names;
    private int seen;

    private Members(String what, String[] names) {
      this.what = what;
      this.names = names;
    }

    /** The index of the next member's name, or -1 at the end of the object. */
    int next() throws IOException {
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        return -1;
      }
      String name = p.currentName();
      path.pushField(name);
      int i = 0;
      while (i < names.length && !names[i].equals(name)) {
        i++;
      }
      if (i == names.length) {
        String expected =
            names.length == 1
                ? names[0]
                : String.join(", ", java.util.Arrays.copyOf(names, names.length - 1))
                    + " or "
                    + names[names.length - 1];
        throw error("unknown " + what + " field '" + name + "'; expected " + expected);
      }
      if ((seen & (1 << i)) != 0) {
        throw error("duplicate field '" + name + "'");
      }
      seen |= 1 << i;
      p.nextToken();
      return i;
    }
  }

  // ---------------------------------------------------------------- skipping and re-reading

  /** Where a skipped value lies, so that it can be read once its meaning is known. */
  static final class Mark {
    final long offset;
    final long end;
    final int line;
    final int column;
    final JsonToken token;

    Mark(long offset, long end, int line, int column, JsonToken token) {
      this.offset = offset;
      this.end = end;
      this.line = line;
      this.column = column;
      this.token = token;
    }
  }

  /** Skips the value at the current token and returns where it lies. */
  Mark skipAndMark() throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    int line = lineOf(loc);
    int column = columnOf(loc);
    long offset = baseOffset + loc.getByteOffset();
    JsonToken token = p.currentToken();
    p.skipChildren();
    p.finishToken();
    long end = baseOffset + p.currentLocation().getByteOffset();
    return new Mark(offset, end, line, column, token);
  }

  /**
   * Reads a marked value with {@code body}: the parser is positioned on its first token, and
   * locations stay those of the whole input.
   */
  <T> T reread(Mark m, IoSupplier<T> body) throws IOException {
    JsonParser saved = p;
    int savedLine = baseLine;
    int savedColumn = baseColumn;
    long savedOffset = baseOffset;
    try (JsonParser sub = factory.createParser(data, (int) m.offset, (int) (m.end - m.offset))) {
      p = sub;
      baseLine = m.line;
      baseColumn = m.column;
      baseOffset = m.offset;
      p.nextToken();
      return body.get();
    } catch (JsonProcessingException e) {
      throw convert(e);
    } finally {
      p = saved;
      baseLine = savedLine;
      baseColumn = savedColumn;
      baseOffset = savedOffset;
    }
  }
}
