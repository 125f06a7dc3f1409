package dev.sluice.pipeline.internal.io;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.pipeline.Record;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A sink writing records as lines to a file or standard output ({@code -}); one instance,
 * blocking I/O on its own thread.
 *
 * <p>{@code sorted} order keeps every line in memory and writes them when the input ends,
 * ordered by event timestamp, then by the line's text: the output is then the same whatever the
 * parallelism upstream and the interleaving of its instances. {@code arrival} order writes each
 * line as it comes (flushed with each batch), for unbounded or large outputs. The file is
 * created (or truncated) when the job starts; its parent directories are created.
 */
public final class TextFileSink implements Sink<Record> {
  private final String name;
  private final Path path;
  private final boolean sorted;
  private final Supplier<LineFormatter> formatter;

  /** A sink of {@code name} writing to {@code path}. */
  public TextFileSink(String name, Path path, boolean sorted, Supplier<LineFormatter> formatter) {
    this.name = name;
    this.path = path;
    this.sorted = sorted;
    this.formatter = formatter;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public int maxParallelism() {
    return 1;
  }

  @Override
  public SinkWriter<Record> createWriter(int instanceIndex, int parallelism) throws IOException {
    Writer out;
    boolean stdout = path.toString().equals("-");
    if (stdout) {
      out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    } else {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }
    return new FileWriter(new BufferedWriter(out, 1 << 16), formatter.get(), stdout);
  }

  private record Line(long timestamp, String text, Record record) {}

  private final class FileWriter implements SinkWriter<Record> {
    private final Writer out;
    private final LineFormatter format;
    private final boolean stdout;
    private final boolean document;
    private final List<Line> lines = new ArrayList<>();
    private boolean headerWritten;

    FileWriter(Writer out, LineFormatter format, boolean stdout) {
      this.out = out;
      this.format = format;
      this.stdout = stdout;
      this.document = format.document(List.of()) != null;
    }

    private void header() throws IOException {
      if (!headerWritten) {
        headerWritten = true;
        String h = format.header();
        if (h != null) {
          out.write(h);
          out.write('\n');
        }
      }
    }

    @Override
    public boolean offer(Record event, long timestamp) throws IOException {
      if (document) {
        lines.add(new Line(timestamp, format.format(event), event));
      } else if (sorted) {
        lines.add(new Line(timestamp, format.format(event), null));
      } else {
        header();
        out.write(format.format(event));
        out.write('\n');
      }
      return true;
    }

    @Override
    public void flush() throws IOException {
      if (!sorted && !document) {
        out.flush();
      }
    }

    @Override
    public void complete() throws IOException {
      if (sorted || document) {
        lines.sort(Comparator.comparingLong(Line::timestamp).thenComparing(Line::text));
      }
      if (document) {
        List<Record> records = new ArrayList<>(lines.size());
        for (Line l : lines) {
          records.add(l.record());
        }
        out.write(format.document(records));
      } else {
        header();
        for (Line l : lines) {
          out.write(l.text());
          out.write('\n');
        }
      }
      lines.clear();
      out.flush();
    }

    @Override
    public void close(Throwable failure) throws IOException {
      if (stdout) {
        out.flush();
      } else {
        out.close();
      }
    }
  }

  /** Where it writes. */
  public Path path() {
    return path;
  }
}
