package dev.sluice.payloads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an input that holds several documents one after another into the documents, without
 * decoding them. The layouts are the ones each format's users know:
 *
 * <ul>
 *   <li>{@link #json JSON}: JSON texts one after another, separated by optional whitespace, as in
 *       JSON Lines (one compact document per line); a single pretty-printed document is one
 *       document.
 *   <li>{@link #cbor CBOR}: a CBOR sequence (RFC 8742), data items one after another with nothing
 *       between them.
 *   <li>{@link #expositions Text expositions}: each document ends with a line {@code # EOF}. In
 *       OpenMetrics that line is the document's required last line; in Prometheus text 0.0.4 it
 *       is a comment, which 0.0.4 parsers ignore, used as a separator. Text after the last
 *       {@code # EOF} line (or all of it, if there is none) is the last document.
 * </ul>
 *
 * <p>A document that is not well-formed is still returned as a part (for JSON, the rest of the
 * input from where it starts), so that the format's decoder reports the problem with its
 * location. <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> one array per part.
 * <b>Failure:</b> {@link PayloadFormatException} for input larger than {@link
 * PayloadLimits#maxInputBytes()}, more than {@link PayloadLimits#maxRecords()} documents, or (CBOR)
 * a data item that is truncated or nested deeper than {@link PayloadLimits#maxNestingDepth()}.
 */
public final class DocumentSequence {
  private DocumentSequence() {}

  /**
   * One document of a sequence.
   *
   * @param index its position, from 0
   * @param byteOffset where it starts in the input
   * @param line the line it starts on in the input, from 1 (for CBOR, 1)
   * @param bytes its bytes
   */
  public record Part(int index, long byteOffset, int line, byte[] bytes) {
    /** Compares content as well. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Part p && p.index == index && p.byteOffset == byteOffset
          && p.line == line && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return index * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Part[" + index + " at byte " + byteOffset + ", line " + line + ", " + bytes.length
          + " bytes]";
    }
  }

  /** JSON texts one after another (JSON Lines); {@code format} names the format in errors. */
  public static List<Part> json(String format, byte[] input, PayloadLimits limits) {
    checkSize(format, input, limits);
    List<Part> parts = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = input.length;
    while (true) {
      while (i < n && isSpace(input[i])) {
        if (input[i] == '\n') {
          line++;
        }
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      int startLine = line;
      int end = n;
      byte first = input[i];
      if (first == '[' || first == '{') {
        int depth = 0;
        boolean inString = false;
        for (; i < n; i++) {
          byte b = input[i];
          if (b == '\n') {
            line++;
          }
          if (inString) {
            if (b == '\\') {
              i++;
            } else if (b == '"') {
              inString = false;
            }
          } else if (b == '"') {
            inString = true;
          } else if (b == '[' || b == '{') {
            depth++;
          } else if (b == ']' || b == '}') {
            if (--depth == 0) {
              end = i + 1;
              i++;
              break;
            }
          }
        }
      } else {
        // not an array or object: up to the end of the line, for the decoder to report
        while (i < n && input[i] != '\n') {
          i++;
        }
        end = i;
      }
      add(format, parts, input, start, Math.min(end, n), startLine, limits);
      i = Math.min(Math.max(i, end), n);
    }
    return parts;
  }

  /** A CBOR sequence (RFC 8742); {@code format} names the format in errors. */
  public static List<Part> cbor(String format, byte[] input, PayloadLimits limits) {
    checkSize(format, input, limits);
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < input.length) {
      int end = skipCborItem(format, input, i, 0, limits);
      add(format, parts, input, i, end, 1, limits);
      i = end;
    }
    return parts;
  }

  /**
   * Text expositions, each ending with a line {@code # EOF} (see the class description); {@code
   * format} names the format in errors.
   */
  public static List<Part> expositions(String format, byte[] input, PayloadLimits limits) {
    checkSize(format, input, limits);
    List<Part> parts = new ArrayList<>();
    int start = 0;
    int startLine = 1;
    int line = 1;
    int i = 0;
    int n = input.length;
    while (i < n) {
      int lineEnd = i;
      while (lineEnd < n && input[lineEnd] != '\n') {
        lineEnd++;
      }
      int contentEnd = lineEnd > i && input[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      boolean eof = contentEnd - i == 5 && input[i] == '#' && input[i + 1] == ' '
          && input[i + 2] == 'E' && input[i + 3] == 'O' && input[i + 4] == 'F';
      i = lineEnd < n ? lineEnd + 1 : n;
      line++;
      if (eof) {
        add(format, parts, input, start, i, startLine, limits);
        start = i;
        startLine = line;
      }
    }
    if (start < n || parts.isEmpty()) {
      add(format, parts, input, start, n, startLine, limits);
    }
    return parts;
  }

  private static void add(String format, List<Part> parts, byte[] input, int start, int end,
      int line, PayloadLimits limits) {
    if (parts.size() >= limits.maxRecords()) {
      throw new PayloadFormatException(format, "byte " + start,
          "more than " + limits.maxRecords() + " documents (maxRecords)");
    }
    parts.add(new Part(parts.size(), start, line, Arrays.copyOfRange(input, start, end)));
  }

  private static void checkSize(String format, byte[] input, PayloadLimits limits) {
    if (input.length > limits.maxInputBytes()) {
      throw new PayloadFormatException(format, "byte " + limits.maxInputBytes(),
          "input is larger than " + limits.maxInputBytes() + " bytes (maxInputBytes)");
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** The offset just after the CBOR data item at {@code i} (RFC 8949 §3). */
  private static int skipCborItem(String format, byte[] b, int i, int depth,
      PayloadLimits limits) {
    if (depth > limits.maxNestingDepth()) {
      throw new PayloadFormatException(format, "byte " + i,
          "CBOR nested deeper than " + limits.maxNestingDepth() + " (maxNestingDepth)");
    }
    if (i >= b.length) {
      throw truncated(format, b.length);
    }
    int head = b[i] & 0xff;
    int major = head >>> 5;
    int info = head & 0x1f;
    int p = i + 1;
    long argument;
    if (info < 24) {
      argument = info;
    } else if (info <= 27) {
      int size = 1 << (info - 24);
      if (p + size > b.length) {
        throw truncated(format, b.length);
      }
      argument = 0;
      for (int k = 0; k < size; k++) {
        argument = (argument << 8) | (b[p + k] & 0xff);
      }
      p += size;
    } else if (info == 31 && major >= 2 && major <= 5) {
      // indefinite length: items (or chunks) until the break byte 0xff
      while (true) {
        if (p >= b.length) {
          throw truncated(format, b.length);
        }
        if ((b[p] & 0xff) == 0xff) {
          return p + 1;
        }
        p = skipCborItem(format, b, p, depth + 1, limits);
        if (major == 5) {
          p = skipCborItem(format, b, p, depth + 1, limits);
        }
      }
    } else {
      throw new PayloadFormatException(format, "byte " + i,
          "not a well-formed CBOR data item (initial byte 0x" + Integer.toHexString(head) + ")");
    }
    switch (major) {
      case 2, 3 -> {
        if (argument < 0 || argument > b.length - p) {
          throw truncated(format, b.length);
        }
        return p + (int) argument;
      }
      case 4, 5 -> {
        long items = major == 5 ? argument * 2 : argument;
        if (items < 0 || items > b.length - p) {
          throw truncated(format, b.length); // every item takes at least one byte
        }
        for (long k = 0; k < items; k++) {
          p = skipCborItem(format, b, p, depth + 1, limits);
        }
        return p;
      }
      case 6 -> {
        return skipCborItem(format, b, p, depth + 1, limits);
      }
      default -> {
        return p; // 0, 1 integers; 7 simple values and floats
      }
    }
  }

  private static PayloadFormatException truncated(String format, int at) {
    return new PayloadFormatException(format, "byte " + at, "truncated CBOR data item");
  }
}
