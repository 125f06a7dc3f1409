package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.prometheus.Label;
import java.util.ArrayList;
import java.util.List;

/** A position in one line of exposition text, with the lexical rules both formats share. */
final class TextCursor {
  final String format;
  final String line;
  final int lineNumber;
  int pos;
  private final int maxNameLength;
  private final int maxValueLength;

  TextCursor(String format, String line, int lineNumber, int maxNameLength, int maxValueLength) {
    this.format = format;
    this.line = line;
    this.lineNumber = lineNumber;
    this.maxNameLength = maxNameLength;
    this.maxValueLength = maxValueLength;
  }

  PayloadFormatException error(String reason) {
    return new PayloadFormatException(
        format, "line " + lineNumber + ", column " + (pos + 1), reason);
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  char peek() {
    return line.charAt(pos);
  }

  boolean consume(char c) {
    if (pos < line.length() && line.charAt(pos) == c) {
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
    while (pos < line.length() && namePart(line.charAt(pos), colon)) {
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
    while (close < line.length() && line.charAt(close) != '"' && line.charAt(close) != '\\') {
      close++;
    }
    if (close < line.length() && line.charAt(close) == '"') {
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
      if (c == '\\' && pos < line.length()) {
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

  /** {@code {name="value",...}} with no trailing comma; duplicate names rejected. */
  List<Label> labels() {
    expect('{', "'{'");
    List<Label> labels = new ArrayList<>();
    if (consume('}')) {
      return labels;
    }
    while (true) {
      int at = pos;
      String name = name(false, "label name");
      expect('=', "'=' after label name '" + name + "'");
      String value = quoted();
      for (Label l : labels) {
        if (l.name().equals(name)) {
          pos = at;
          throw error("label '" + name + "' appears twice");
        }
      }
      labels.add(new Label(name, value));
      if (consume('}')) {
        return labels;
      }
      expect(',', "',' or '}' after a label");
    }
  }

  /** The text up to the next space or the end of the line. */
  String token() {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) != ' ') {
      pos++;
    }
    return line.substring(start, pos);
  }
}
