package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.prometheus.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in one line of exposition text, with the lexical rules both formats share. The line is
 * {@code text[lineStart, end)}; a reader may {@linkplain #moveTo move} one cursor from line to line
 * of the whole text instead of cutting each line out. Not thread-safe.
 */
final class TextCursor {
  final String format;
  /** The text the line is part of (the line itself for a one-line cursor). */
  final String line;
  int lineNumber;
  /** Where the current line starts in {@link #line}. */
  int lineStart;
  /** Where the current line ends (exclusive) in {@link #line}. */
  int end;
  int pos;
  private final int maxNameLength;
  private final int maxValueLength;

  TextCursor(String format, String line, int lineNumber, int maxNameLength, int maxValueLength) {
    this.format = format;
    this.line = line;
    this.lineNumber = lineNumber;
    this.end = line.length();
    this.maxNameLength = maxNameLength;
    this.maxValueLength = maxValueLength;
  }

  /** Moves to the line {@code line[start, end)}, number {@code lineNumber}, at its start. */
  void moveTo(int start, int end, int lineNumber) {
    this.lineStart = start;
    this.end = end;
    this.pos = start;
    this.lineNumber = lineNumber;
  }

  PayloadFormatException error(String reason) {
    return new PayloadFormatException(
        format, "line " + lineNumber + ", column " + (pos - lineStart + 1), reason);
  }

  /** True if the line has {@code prefix} at {@code at}. */
  boolean startsWith(String prefix, int at) {
    return at + prefix.length() <= end && line.startsWith(prefix, at);
  }

  /** The rest of the line from the cursor. */
  String rest() {
    return line.substring(pos, end);
  }

  boolean atEnd() {
    return pos >= end;
  }

  char peek() {
    return line.charAt(pos);
  }

  boolean consume(char c) {
    if (pos < end && line.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c, String what) {
    if (!consume(c)) {
      throw error("expected " + what);
    }
  }

  static boolean nameStart(char c, boolean colon) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  }

  static boolean namePart(char c, boolean colon) {
    return nameStart(c, colon) || (c >= '0' && c <= '9');
  }

  /** A metric name ({@code colon}) or label name. */
  String name(boolean colon, String what) {
    int start = pos;
    if (atEnd() || !nameStart(peek(), colon)) {
      throw error("expected a " + what);
    }
    while (pos < end && namePart(line.charAt(pos), colon)) {
      pos++;
      if (pos - start > maxNameLength) {
        throw error(what + " longer than " + maxNameLength + " characters");
      }
    }
    return line.substring(start, pos);
  }

  /** A quoted label value; escapes {@code \\}, {@code \"}, {@code \n}; other escapes kept. */
  String quoted() {
    expect('"', "'\"' to open the label value");
    int close = pos;
    while (close < end && line.charAt(close) != '"' && line.charAt(close) != '\\') {
      close++;
    }
    if (close < end && line.charAt(close) == '"') {
      // no escape before the closing quote: the value is the text up to it
      if (close - pos > maxValueLength) {
        pos += maxValueLength + 1;
        throw error("label value longer than " + maxValueLength + " characters");
      }
      String value = line.substring(pos, close);
      pos = close + 1;
      return value;
    }
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw error("label value is not closed with '\"'");
      }
      char c = line.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && pos < end) {
        char e = line.charAt(pos);
        if (e == '\\' || e == '"') {
          sb.append(e);
          pos++;
          continue;
        }
        if (e == 'n') {
          sb.append('\n');
          pos++;
          continue;
        }
      }
      sb.append(c);
      if (sb.length() > maxValueLength) {
        throw error("label value longer than " + maxValueLength + " characters");
      }
    }
  }

  /** {@code {name="value",...}} with no trailing comma; duplicate names rejected (OpenMetrics). */
  List<Label> labels() {
    return labels(false);
  }

  /**
   * A label set; duplicate names rejected. {@code loose} is the text format 0.0.4 syntax: blanks
   * and tabs around every token and one trailing comma ({@code { a = "1" , }}) allowed; otherwise
   * (OpenMetrics) neither.
   */
  List<Label> labels(boolean loose) {
    expect('{', "'{'");
    List<Label> labels = new ArrayList<>(4);
    if (loose) {
      skipBlanks();
    }
    if (consume('}')) {
      return labels;
    }
    while (true) {
      int at = pos;
      String name = name(false, "label name");
      if (loose) {
        skipBlanks();
      }
      if (!consume('=')) { // the message is built only for the error: this runs per label
        throw error("expected '=' after label name '" + name + "'");
      }
      if (loose) {
        skipBlanks();
      }
      String value = quoted();
      for (Label l : labels) {
        if (l.name().equals(name)) {
          pos = at;
          throw error("label '" + name + "' appears twice");
        }
      }
      labels.add(new Label(name, value));
      if (loose) {
        skipBlanks();
      }
      if (consume('}')) {
        return labels;
      }
      expect(',', "',' or '}' after a label");
      if (loose) {
        skipBlanks();
        if (consume('}')) {
          return labels;
        }
      }
    }
  }

  /** Moves past blanks and tabs; true if there was at least one. */
  boolean skipBlanks() {
    int start = pos;
    while (pos < end && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
      pos++;
    }
    return pos > start;
  }

  /** The text up to the next blank, tab or the end of the line. */
  String blankDelimitedToken() {
    int start = pos;
    while (pos < end && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
      pos++;
    }
    return line.substring(start, pos);
  }

  /** The text up to the next space or the end of the line. */
  String token() {
    int start = pos;
    while (pos < end && line.charAt(pos) != ' ') {
      pos++;
    }
    return line.substring(start, pos);
  }
}
