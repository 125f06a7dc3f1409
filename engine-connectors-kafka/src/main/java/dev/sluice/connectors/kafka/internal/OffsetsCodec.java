package dev.sluice.connectors.kafka.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Partition offsets as bytes: version, count, then (topic, partition, next offset) each. */
public final class OffsetsCodec {
  private static final int VERSION = 1;

  private OffsetsCodec() {}

  /** Encodes {@code offsets}. */
  public static byte[] encode(Map<TopicPartition, Long> offsets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(offsets.size());
      for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
        out.writeUTF(e.getKey().topic());
        out.writeInt(e.getKey().partition());
        out.writeLong(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes what {@link #encode} wrote; a wrong version or truncation is an error. */
  public static Map<TopicPartition, Long> decode(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "Kafka source state has version " + version + ", this reader reads " + VERSION);
      }
      int n = in.readInt();
      Map<TopicPartition, Long> offsets = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String topic = in.readUTF();
        int partition = in.readInt();
        offsets.put(new TopicPartition(topic, partition), in.readLong());
      }
      return offsets;
    } catch (IOException e) {
      throw new IllegalStateException("truncated Kafka source state (" + state.length + " bytes)", e);
    }
  }
}
