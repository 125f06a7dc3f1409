package dev.sluice.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * JSON export of snapshots and the debug log, with Jackson. Field names are the record
 * components' names ({@code jobs[].stages[].processingLatency.p99Nanos}, ...); {@code
 * errorRate} is included for stages.
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class MetricsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private MetricsJson() {}

  /** {@code snapshot} as a JSON document. */
  public static String toJson(EngineSnapshot snapshot) {
    return write(snapshot);
  }

  /** The debug events as a JSON array. */
  public static String toJson(List<DebugEvent> events) {
    return write(events);
  }

  /** Writes {@code snapshot} as JSON to {@code out}. */
  public static void write(EngineSnapshot snapshot, Writer out) {
    try {
      MAPPER.writeValue(out, snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
