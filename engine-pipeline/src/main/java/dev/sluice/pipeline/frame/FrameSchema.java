package dev.sluice.pipeline.frame;

import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.RecordSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The channels of a {@link Frame}: an ordered list of unique names, each a slot of the frame's
 * double buffer. Names are resolved to indexes once ({@link #index}), never per frame.
 *
 * <p>Immutable; thread-safe.
 */
public final class FrameSchema {
  private final List<String> channels;
  private final Map<String, Integer> index = new HashMap<>();

  private FrameSchema(List<String> channels) {
    this.channels = List.copyOf(channels);
    for (int i = 0; i < this.channels.size(); i++) {
      index.put(this.channels.get(i), i);
    }
  }

  /**
   * A schema of {@code channels}.
   *
   * @throws IllegalArgumentException if the list is empty, a name is blank or repeated
   */
  public static FrameSchema of(List<String> channels) {
    Objects.requireNonNull(channels, "channels");
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a frame needs at least one channel");
    }
    var seen = new HashSet<String>();
    for (String c : channels) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("channel names must not be blank: " + channels);
      }
      if (c.equals("timestamp") || c.equals("sequence")) {
        throw new IllegalArgumentException("'" + c + "' is a frame field, not a channel name");
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("channel '" + c + "' is named twice in " + channels);
      }
    }
    return new FrameSchema(channels);
  }

  /** A schema of {@code channels}. */
  public static FrameSchema of(String... channels) {
    return of(List.of(channels));
  }

  /** The number of channels. */
  public int size() {
    return channels.size();
  }

  /** The channel names in slot order. */
  public List<String> channels() {
    return channels;
  }

  /** The name of channel {@code i}. */
  public String channel(int i) {
    return channels.get(i);
  }

  /** The slot of {@code channel}, or -1. */
  public int index(String channel) {
    Integer i = index.get(channel);
    return i == null ? -1 : i;
  }

  /**
   * The record view of a frame, for expressions: {@code timestamp} (long, ms), {@code sequence}
   * (long), then each channel as a double.
   */
  public RecordSchema recordView() {
    RecordSchema.Builder b = RecordSchema.builder()
        .add("timestamp", FieldType.LONG).add("sequence", FieldType.LONG);
    for (String c : channels) {
      b.add(c, FieldType.DOUBLE);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameSchema s && s.channels.equals(channels);
  }

  @Override
  public int hashCode() {
    return channels.hashCode();
  }

  @Override
  public String toString() {
    return "frame" + channels;
  }
}
