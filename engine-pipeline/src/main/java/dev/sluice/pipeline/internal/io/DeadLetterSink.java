package dev.sluice.pipeline.internal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.fault.DeadLetter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes dead letters as JSON lines: {@code {"stage", "error", "timestampMillis", "event"}},
 * the event as its JSON text when it is a record. One instance; blocking I/O.
 */
public final class DeadLetterSink implements Sink<DeadLetter> {
  private final String name;
  private final Path path;

  /** A sink writing to {@code path}. */
  public DeadLetterSink(String name, Path path) {
    this.name = name;
    this.path = path;
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
  public SinkWriter<DeadLetter> createWriter(int instanceIndex, int parallelism) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    return new SinkWriter<>() {
      @Override
      public boolean offer(DeadLetter d, long timestamp) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = RecordJson.FACTORY.createGenerator(w)) {
          g.writeStartObject();
          g.writeStringField("stage", d.stage());
          g.writeStringField("error", String.valueOf(d.error()));
          g.writeNumberField("timestampMillis", d.timestampMillis());
          g.writeFieldName("event");
          if (d.event() instanceof dev.sluice.pipeline.Record r) {
            g.writeStartObject();
            for (int i = 0; i < r.size(); i++) {
              g.writeFieldName(r.schema().name(i));
              RecordJson.writeValue(g, r.get(i));
            }
            g.writeEndObject();
          } else {
            g.writeString(String.valueOf(d.event()));
          }
          g.writeEndObject();
        }
        out.write(w.toString());
        out.write('\n');
        return true;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close(Throwable failure) throws IOException {
        out.close();
      }
    };
  }
}
