package dev.sluice.pipeline.frame;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.util.Arrays;
import java.util.List;

/**
 * How frames travel on the edges of a pipeline file, whose edges carry records: a record of one
 * field of type {@code any} named {@code frame(ch1,ch2,...)} holding the {@link Frame}. The field
 * name carries the channels, so validation knows them and edges of different channels do not
 * merge. Only frame stages ({@code frame-map}, {@code frame-window}, {@code frame-records}) read
 * such edges.
 *
 * <p>Immutable helpers; thread-safe.
 */
public final class FrameEdges {
  private static final String PREFIX = "frame(";

  private FrameEdges() {}

  /** The edge schema for frames of {@code schema}. */
  public static RecordSchema edgeSchema(FrameSchema schema) {
    return RecordSchema.builder().add(PREFIX + String.join(",", schema.channels()) + ")", FieldType.ANY).build();
  }

  /** The frame schema carried by an edge of {@code schema}, or null if it carries no frames. */
  public static FrameSchema frameSchema(RecordSchema schema) {
    if (schema == null || schema.size() != 1 || schema.type(0) != FieldType.ANY) {
      return null;
    }
    String n = schema.name(0);
    if (!n.startsWith(PREFIX) || !n.endsWith(")")) {
      return null;
    }
    List<String> channels = Arrays.asList(n.substring(PREFIX.length(), n.length() - 1).split(",", -1));
    return FrameSchema.of(channels);
  }

  /** The frame in an edge record. */
  public static Frame frame(Record r) {
    return (Frame) r.get(0);
  }

  /** Wraps frames into edge records. */
  public static Stage<Record> wrap(Stage<Frame> frames, FrameSchema schema, String name) {
    RecordSchema edge = edgeSchema(schema);
    return frames.map(f -> new Record(edge, new Object[] {f})).named(name);
  }

  /** Unwraps edge records into frames. */
  public static Stage<Frame> unwrap(Stage<Record> records, String name) {
    return records.map(FrameEdges::frame).named(name);
  }
}
