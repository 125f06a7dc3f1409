package dev.sluice.pipeline.internal.io;

import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV cells: splitting, quoting and typed conversion. Stateless except the builder. */
public final class Csv {
  private final char delimiter;
  private final StringBuilder line = new StringBuilder(256);

  /** CSV with {@code delimiter}. */
  public Csv(char delimiter) {
    this.delimiter = delimiter;
  }

  /**
   * Splits one record's text into cells. A quoted cell may hold the delimiter, doubled quotes and
   * line breaks (the reader joins lines while a quote is open).
   *
   * @return the cells, or null if a quote is still open at the end of {@code text}
   */
  public List<String> split(String text) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
        cell.setLength(0);
        wasQuoted = false;
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    cells.add(wasQuoted || cell.length() > 0 ? cell.toString() : null);
    return cells;
  }

  /**
   * Converts a cell to {@code type}; null for an empty cell.
   *
   * @throws IllegalArgumentException if the text is not of the type
   */
  public static Object convert(String cell, FieldType type, String field) {
    if (cell == null) {
      return null;
    }
    try {
      return switch (type) {
        case STRING, ANY -> cell;
        case LONG -> Long.parseLong(cell.strip());
        case DOUBLE -> Double.parseDouble(cell.strip());
        case BOOLEAN -> {
          String s = cell.strip();
          if (s.equalsIgnoreCase("true")) {
            yield Boolean.TRUE;
          }
          if (s.equalsIgnoreCase("false")) {
            yield Boolean.FALSE;
          }
          throw new NumberFormatException();
        }
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is declared " + type + " but holds \"" + cell + "\"");
    }
  }

  /** The header line for {@code schema}. */
  public String header(RecordSchema schema) {
    line.setLength(0);
    for (int i = 0; i < schema.size(); i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      quote(schema.name(i));
    }
    return line.toString();
  }

  /** One record as a CSV line (no newline): null is an empty cell; lists and maps are JSON. */
  public String write(Record r) {
    line.setLength(0);
    for (int i = 0; i < r.size(); i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      Object v = r.get(i);
      if (v == null) {
        continue;
      }
      if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
        continue;
      }
      quote(v instanceof Map<?, ?> || v instanceof Iterable<?> ? RecordJson.toJson(v) : v.toString());
    }
    return line.toString();
  }

  private void quote(String s) {
    boolean needs = s.isEmpty() || s.indexOf(delimiter) >= 0 || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    if (!needs) {
      line.append(s);
      return;
    }
    line.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
  }
}
