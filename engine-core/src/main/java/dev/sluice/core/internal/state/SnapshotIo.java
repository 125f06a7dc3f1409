package dev.sluice.core.internal.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes keyed and operator state snapshots as bytes for checkpoints, and reads them back. The
 * blocks inside are those of {@link KeyedStateBackend} and {@link OperatorStateBackend}, copied
 * unchanged; this class only frames them (names, metas, key groups, lengths).
 *
 * <p>Format (keyed): version byte, max parallelism, state count, then per state its name, its
 * {@link StateMeta} and its blocks as (key group, length, bytes). Operator: version byte,
 * instance index, parallelism, state count, then per state its name, meta and either its list
 * elements (count, then length and bytes each) or its broadcast block (length and bytes, or -1).
 *
 * <p>Stateless and thread-safe. A truncated or malformed input throws an {@link IOException}
 * saying what was being read.
 */
public final class SnapshotIo {
  private static final int VERSION = 1;

  private SnapshotIo() {}

  /** Writes {@code s}. */
  public static void writeKeyed(KeyedStateSnapshot s, DataOutputStream out) throws IOException {
    out.writeByte(VERSION);
    out.writeInt(s.maxParallelism());
    out.writeInt(s.stateNames().size());
    for (String name : s.stateNames()) {
      out.writeUTF(name);
      writeMeta(s.meta(name), out);
      SortedMap<Integer, byte[]> blocks = s.blocksShared(name);
      out.writeInt(blocks.size());
      for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
        out.writeInt(e.getKey());
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
    }
  }

  /** Reads what {@link #writeKeyed} wrote. */
  public static KeyedStateSnapshot readKeyed(DataInputStream in) throws IOException {
    checkVersion(in.readByte(), "keyed state");
    int maxParallelism = in.readInt();
    int n = count(in.readInt(), "keyed states");
    Map<String, StateMeta> metas = new HashMap<>();
    Map<String, Map<Integer, byte[]>> blocks = new HashMap<>();
    for (int k = 0; k < n; k++) {
      String name = in.readUTF();
      metas.put(name, readMeta(in));
      int groups = count(in.readInt(), "key groups of state '" + name + "'");
      TreeMap<Integer, byte[]> g = new TreeMap<>();
      for (int i = 0; i < groups; i++) {
        int group = in.readInt();
        g.put(group, bytes(in, "block of state '" + name + "' in key group " + group));
      }
      blocks.put(name, g);
    }
    return new KeyedStateSnapshot(maxParallelism, metas, blocks);
  }

  /** Writes {@code s}. */
  public static void writeOperator(OperatorStateSnapshot s, DataOutputStream out)
      throws IOException {
    out.writeByte(VERSION);
    out.writeInt(s.instanceIndex());
    out.writeInt(s.parallelism());
    out.writeInt(s.stateNames().size());
    for (String name : s.stateNames()) {
      out.writeUTF(name);
      StateMeta meta = s.meta(name);
      writeMeta(meta, out);
      if (meta.kind() == StateKind.LIST) {
        List<byte[]> elements = s.elementsShared(name);
        out.writeInt(elements.size());
        for (byte[] e : elements) {
          out.writeInt(e.length);
          out.write(e);
        }
      } else {
        byte[] block = s.broadcastShared(name);
        if (block == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(block.length);
          out.write(block);
        }
      }
    }
  }

  /** Reads what {@link #writeOperator} wrote. */
  public static OperatorStateSnapshot readOperator(DataInputStream in) throws IOException {
    checkVersion(in.readByte(), "operator state");
    int instance = in.readInt();
    int parallelism = in.readInt();
    int n = count(in.readInt(), "operator states");
    Map<String, StateMeta> metas = new HashMap<>();
    Map<String, List<byte[]>> lists = new HashMap<>();
    Map<String, byte[]> broadcasts = new HashMap<>();
    for (int k = 0; k < n; k++) {
      String name = in.readUTF();
      StateMeta meta = readMeta(in);
      metas.put(name, meta);
      if (meta.kind() == StateKind.LIST) {
        int m = count(in.readInt(), "elements of list state '" + name + "'");
        List<byte[]> elements = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          elements.add(bytes(in, "element " + i + " of list state '" + name + "'"));
        }
        lists.put(name, elements);
      } else {
        int len = in.readInt();
        if (len >= 0) {
          byte[] b = new byte[len];
          in.readFully(b);
          broadcasts.put(name, b);
        }
      }
    }
    return new OperatorStateSnapshot(instance, parallelism, metas, lists, broadcasts);
  }

  private static void writeMeta(StateMeta m, DataOutputStream out) throws IOException {
    out.writeByte(m.kind().code);
    writeNullable(m.keyFormat(), out);
    writeNullable(m.subKeyFormat(), out);
    out.writeUTF(m.valueFormat());
  }

  private static StateMeta readMeta(DataInputStream in) throws IOException {
    StateKind kind = StateKind.ofCode(in.readByte());
    String key = readNullable(in);
    String sub = readNullable(in);
    return new StateMeta(kind, key, sub, in.readUTF());
  }

  private static void writeNullable(String s, DataOutputStream out) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static byte[] bytes(DataInputStream in, String what) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      throw new StreamCorruptedException("negative length " + len + " of the " + what);
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return b;
  }

  private static int count(int n, String what) throws StreamCorruptedException {
    if (n < 0) {
      throw new StreamCorruptedException("negative count " + n + " of " + what);
    }
    return n;
  }

  private static void checkVersion(int v, String what) throws StreamCorruptedException {
    if (v != VERSION) {
      throw new StreamCorruptedException("unknown " + what + " snapshot format " + v);
    }
  }
}
