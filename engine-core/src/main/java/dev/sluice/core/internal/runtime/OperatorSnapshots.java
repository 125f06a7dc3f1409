package dev.sluice.core.internal.runtime;

import dev.sluice.core.internal.state.KeyedStateBackend;
import dev.sluice.core.internal.state.KeyedStateSnapshot;
import dev.sluice.core.internal.state.OperatorStateBackend;
import dev.sluice.core.internal.state.OperatorStateSnapshot;
import dev.sluice.core.internal.state.TimerHeap;
import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes and restores {@link OperatorSnapshot}s. Timers are written per key group as a count and
 * then (key, namespace, time, sequence) per timer, so that a restore at another parallelism takes
 * exactly the groups of its range and keeps the registration order among equal times.
 */
final class OperatorSnapshots {
  private static final byte TIMER_FORMAT = 1;
  private static final StateCodec<Object> NAMESPACES = StateCodecs.nullable(StateCodecs.dynamic());

  private OperatorSnapshots() {}

  static OperatorSnapshot take(
      KeyedStateBackend<Object> keyed,
      OperatorStateBackend operator,
      TimerHeap eventTimers,
      TimerHeap processingTimers,
      StateCodec<Object> keyCodec,
      long watermark) {
    KeyedStateSnapshot k = keyed == null ? null : keyed.snapshot();
    return new OperatorSnapshot(
        k,
        encodeTimers(eventTimers, keyCodec),
        encodeTimers(processingTimers, keyCodec),
        operator.snapshot(),
        watermark);
  }

  /** The watermark a restore starts from: the least of the snapshots'. */
  static long restoredWatermark(List<OperatorSnapshot> snapshots) {
    long min = Long.MAX_VALUE;
    for (OperatorSnapshot s : snapshots) {
      min = Math.min(min, s.watermark());
    }
    return snapshots.isEmpty() ? Long.MIN_VALUE : min;
  }

  static void restore(
      List<OperatorSnapshot> snapshots,
      KeyedStateBackend<Object> keyed,
      OperatorStateBackend operator,
      TimerHeap eventTimers,
      TimerHeap processingTimers,
      StateCodec<Object> keyCodec,
      KeyGroupRange range) {
    List<KeyedStateSnapshot> k = new ArrayList<>();
    List<OperatorStateSnapshot> o = new ArrayList<>();
    for (OperatorSnapshot s : snapshots) {
      if (s.keyed() != null) {
        k.add(s.keyed());
      }
      if (s.operator() != null) {
        o.add(s.operator());
      }
      if (range != null) {
        decodeTimers(s.eventTimers(), eventTimers, keyCodec, range, "event-time");
        decodeTimers(s.processingTimers(), processingTimers, keyCodec, range, "processing-time");
      }
    }
    if (keyed != null) {
      keyed.restore(k);
    }
    operator.restore(o);
  }

  private static TreeMap<Integer, byte[]> encodeTimers(TimerHeap heap, StateCodec<Object> keys) {
    if (heap == null || heap.isEmpty()) {
      return new TreeMap<>();
    }
    Map<Integer, ByteArrayOutputStream> bytes = new HashMap<>();
    Map<Integer, DataOutputStream> outs = new HashMap<>();
    Map<Integer, int[]> counts = new HashMap<>();
    heap.visit(
        (key, keyGroup, namespace, time, sequence) -> {
          DataOutputStream out =
              outs.computeIfAbsent(
                  keyGroup,
                  g -> new DataOutputStream(bytes.computeIfAbsent(g, x -> new ByteArrayOutputStream())));
          try {
            keys.encode(key, out);
            NAMESPACES.encode(namespace, out);
            out.writeLong(time);
            out.writeLong(sequence);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          counts.computeIfAbsent(keyGroup, g -> new int[1])[0]++;
        });
    TreeMap<Integer, byte[]> blocks = new TreeMap<>();
    for (Map.Entry<Integer, ByteArrayOutputStream> e : bytes.entrySet()) {
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(block);
      try {
        outs.get(e.getKey()).flush();
        out.writeByte(TIMER_FORMAT);
        out.writeInt(counts.get(e.getKey())[0]);
        e.getValue().writeTo(out);
        out.flush();
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
      blocks.put(e.getKey(), block.toByteArray());
    }
    return blocks;
  }

  private static void decodeTimers(
      Map<Integer, byte[]> blocks,
      TimerHeap heap,
      StateCodec<Object> keys,
      KeyGroupRange range,
      String domain) {
    for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
      int group = e.getKey();
      if (!range.contains(group)) {
        continue;
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.getValue()));
      try {
        byte format = in.readByte();
        if (format != TIMER_FORMAT) {
          throw new IllegalStateException(
              "unknown " + domain + " timer format " + format + " in key group " + group);
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          Object key = keys.decode(in);
          Object namespace = NAMESPACES.decode(in);
          long time = in.readLong();
          long sequence = in.readLong();
          heap.restore(key, group, namespace, time, sequence);
        }
        if (in.available() > 0) {
          throw new IllegalStateException(
              in.available() + " trailing bytes in the " + domain + " timers of key group " + group);
        }
      } catch (EOFException x) {
        throw new IllegalStateException(
            "truncated " + domain + " timers in key group " + group, x);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
  }

  private static final byte SNAPSHOT_FORMAT = 1;

  /** Encodes {@code s} for a checkpoint part. */
  static byte[] toBytes(OperatorSnapshot s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeByte(SNAPSHOT_FORMAT);
      out.writeLong(s.watermark());
      out.writeBoolean(s.keyed() != null);
      if (s.keyed() != null) {
        dev.sluice.core.internal.state.SnapshotIo.writeKeyed(s.keyed(), out);
      }
      out.writeBoolean(s.operator() != null);
      if (s.operator() != null) {
        dev.sluice.core.internal.state.SnapshotIo.writeOperator(s.operator(), out);
      }
      writeTimerBlocks(s.eventTimers(), out);
      writeTimerBlocks(s.processingTimers(), out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #toBytes} wrote.
   *
   * @throws IllegalStateException naming {@code where} if the bytes are malformed
   */
  static OperatorSnapshot fromBytes(byte[] b, String where) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    try {
      byte format = in.readByte();
      if (format != SNAPSHOT_FORMAT) {
        throw new IllegalStateException("unknown operator snapshot format " + format + " in " + where);
      }
      long watermark = in.readLong();
      KeyedStateSnapshot keyed =
          in.readBoolean() ? dev.sluice.core.internal.state.SnapshotIo.readKeyed(in) : null;
      OperatorStateSnapshot operator =
          in.readBoolean() ? dev.sluice.core.internal.state.SnapshotIo.readOperator(in) : null;
      TreeMap<Integer, byte[]> event = readTimerBlocks(in);
      TreeMap<Integer, byte[]> processing = readTimerBlocks(in);
      if (in.available() > 0) {
        throw new IllegalStateException(in.available() + " trailing bytes in " + where);
      }
      return new OperatorSnapshot(keyed, event, processing, operator, watermark);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode the operator state in " + where + ": " + e, e);
    }
  }

  private static void writeTimerBlocks(Map<Integer, byte[]> blocks, DataOutputStream out)
      throws IOException {
    out.writeInt(blocks.size());
    for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
      out.writeInt(e.getKey());
      out.writeInt(e.getValue().length);
      out.write(e.getValue());
    }
  }

  private static TreeMap<Integer, byte[]> readTimerBlocks(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new java.io.StreamCorruptedException("negative timer block count " + n);
    }
    TreeMap<Integer, byte[]> blocks = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int group = in.readInt();
      int len = in.readInt();
      if (len < 0) {
        throw new java.io.StreamCorruptedException("negative timer block length " + len);
      }
      byte[] b = new byte[len];
      in.readFully(b);
      blocks.put(group, b);
    }
    return blocks;
  }
}
