package dev.sluice.pipeline.internal.io;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source reading JSON lines or CSV from a file or standard input ({@code -}) into records of a
 * declared schema. One instance (a file is read once, in order); blocking I/O on its own thread.
 * A line that does not parse fails the job naming the file and line, or with {@code skip} is
 * counted ({@link #skipped()}) and reported on standard error (the first ten, then the total).
 */
public final class TextFileSource implements Source<Record> {
  /** The formats. */
  public enum Format { JSONL, CSV }

  private final String name;
  private final Path path;
  private final Format format;
  private final RecordSchema schema;
  private final boolean skipBadLines;
  private final boolean header;
  private final char delimiter;
  private final AtomicLong skipped = new AtomicLong();

  /** A source of {@code format} over {@code path}. */
  public TextFileSource(String name, Path path, Format format, RecordSchema schema,
      boolean skipBadLines, boolean header, char delimiter) {
    this.name = name;
    this.path = path;
    this.format = format;
    this.schema = schema;
    this.skipBadLines = skipBadLines;
    this.header = header;
    this.delimiter = delimiter;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  /** Lines skipped as bad so far. */
  public long skipped() {
    return skipped.get();
  }

  @Override
  public SourceReader<Record> createReader(int instanceIndex, int parallelism) throws IOException {
    BufferedReader in = path.toString().equals("-")
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(path, StandardCharsets.UTF_8);
    return format == Format.JSONL ? new JsonReader(in) : new CsvReader(in);
  }

  private String where(long line) {
    return (path.toString().equals("-") ? "<stdin>" : path.toString()) + ":" + line;
  }

  private abstract class Reader implements SourceReader<Record> {
    final BufferedReader in;
    long lineNumber;

    Reader(BufferedReader in) {
      this.in = in;
    }

    void bad(long line, String message) {
      String text = "source '" + name + "': " + where(line) + ": " + message;
      if (!skipBadLines) {
        throw new IllegalArgumentException(text);
      }
      long n = skipped.incrementAndGet();
      if (n <= 10) {
        System.err.println(text + " (skipped)");
      }
    }

    @Override
    public void close() throws IOException {
      if (skipped.get() > 10) {
        System.err.println("source '" + name + "': " + skipped.get() + " bad lines skipped in all");
      }
      if (!path.toString().equals("-")) {
        in.close();
      }
    }
  }

  private final class JsonReader extends Reader {
    private final RecordJson json = new RecordJson(schema);

    JsonReader(BufferedReader in) {
      super(in);
    }

    @Override
    public int read(SourceOutput<Record> output, int maxEvents) throws IOException {
      int n = 0;
      while (n < maxEvents) {
        String line = in.readLine();
        if (line == null) {
          return n == 0 ? END : n;
        }
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          output.emit(json.read(line));
          n++;
        } catch (IllegalArgumentException | IOException e) {
          bad(lineNumber, e.getMessage());
        }
      }
      return n;
    }
  }

  private final class CsvReader extends Reader {
    private final Csv csv = new Csv(delimiter);
    private int[] columnToSlot;
    private FieldType[] columnType;

    CsvReader(BufferedReader in) {
      super(in);
    }

    private void init() throws IOException {
      if (header) {
        String h = in.readLine();
        lineNumber++;
        List<String> names = h == null ? List.of() : csv.split(h);
        if (names == null) {
          throw new IllegalArgumentException("source '" + name + "': " + where(1) + ": unterminated quote in the header");
        }
        Map<String, Integer> seen = new HashMap<>();
        columnToSlot = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
          String col = names.get(i) == null ? "" : names.get(i).strip();
          seen.put(col, i);
          columnToSlot[i] = schema.slot(col);
        }
        for (String f : schema.names()) {
          if (!seen.containsKey(f)) {
            throw new IllegalArgumentException("source '" + name + "': " + where(1)
                + ": the header has no column '" + f + "'; columns: " + names);
          }
        }
      } else {
        columnToSlot = new int[schema.size()];
        for (int i = 0; i < columnToSlot.length; i++) {
          columnToSlot[i] = i;
        }
      }
      columnType = new FieldType[columnToSlot.length];
      for (int i = 0; i < columnToSlot.length; i++) {
        columnType[i] = columnToSlot[i] < 0 ? null : schema.type(columnToSlot[i]);
      }
    }

    @Override
    public int read(SourceOutput<Record> output, int maxEvents) throws IOException {
      if (columnToSlot == null) {
        init();
      }
      int n = 0;
      while (n < maxEvents) {
        String line = in.readLine();
        if (line == null) {
          return n == 0 ? END : n;
        }
        lineNumber++;
        long start = lineNumber;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = csv.split(line);
        while (cells == null) {
          String more = in.readLine();
          if (more == null) {
            break;
          }
          lineNumber++;
          line = line + "\n" + more;
          cells = csv.split(line);
        }
        if (cells == null) {
          bad(start, "unterminated quote");
          continue;
        }
        if (cells.size() != columnToSlot.length) {
          bad(start, "expected " + columnToSlot.length + " cells, found " + cells.size());
          continue;
        }
        Object[] values = new Object[schema.size()];
        try {
          for (int i = 0; i < cells.size(); i++) {
            int slot = columnToSlot[i];
            if (slot >= 0) {
              values[slot] = Csv.convert(cells.get(i), columnType[i], schema.name(slot));
            }
          }
        } catch (IllegalArgumentException e) {
          bad(start, e.getMessage());
          continue;
        }
        output.emit(new Record(schema, values));
        n++;
      }
      return n;
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
