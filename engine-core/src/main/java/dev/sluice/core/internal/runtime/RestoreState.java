package dev.sluice.core.internal.runtime;

import dev.sluice.core.checkpoint.CompletedCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parts of a checkpoint a job restores from, by kind and stage uid, each with the parts of
 * every old instance in instance order. Immutable once built; read while building an attempt.
 */
final class RestoreState {
  private final CompletedCheckpoint checkpoint;
  /** kind/uid -> old instance -> bytes. */
  private final Map<String, SortedMap<Integer, byte[]>> byStage = new HashMap<>();

  private RestoreState(CompletedCheckpoint checkpoint) {
    this.checkpoint = checkpoint;
    for (Map.Entry<String, byte[]> e : checkpoint.parts().entrySet()) {
      String name = e.getKey();
      int slash = name.lastIndexOf('/');
      if (slash <= 0) {
        throw new IllegalStateException(
            "checkpoint " + checkpoint.id() + " of job '" + checkpoint.jobName()
                + "' has a part named '" + name + "', which is not kind/uid/instance");
      }
      int instance;
      try {
        instance = Integer.parseInt(name.substring(slash + 1));
      } catch (NumberFormatException x) {
        throw new IllegalStateException(
            "checkpoint " + checkpoint.id() + " has a part named '" + name
                + "' whose instance is not a number");
      }
      byStage.computeIfAbsent(name.substring(0, slash), k -> new TreeMap<>())
          .put(instance, e.getValue());
    }
  }

  /** Parses the part names of {@code checkpoint}. */
  static RestoreState of(CompletedCheckpoint checkpoint) {
    return new RestoreState(checkpoint);
  }

  CompletedCheckpoint checkpoint() {
    return checkpoint;
  }

  /** The stage uids that have parts of {@code kind}. */
  List<String> uids(String kind) {
    List<String> out = new ArrayList<>();
    for (String k : byStage.keySet()) {
      if (k.startsWith(kind + "/")) {
        out.add(k.substring(kind.length() + 1));
      }
    }
    return out;
  }

  /**
   * The parts of {@code kind} of stage {@code uid}, indexed by old instance, or null if the
   * checkpoint has none.
   *
   * @throws IllegalStateException if an old instance's part is missing
   */
  List<byte[]> parts(String kind, String uid) {
    SortedMap<Integer, byte[]> m = byStage.get(kind + "/" + uid);
    if (m == null) {
      return null;
    }
    List<byte[]> out = new ArrayList<>(m.size());
    for (int i = 0; i < m.size(); i++) {
      byte[] b = m.get(i);
      if (b == null) {
        throw new IllegalStateException(
            "checkpoint " + checkpoint.id() + " of job '" + checkpoint.jobName() + "' lacks the "
                + kind + " part of instance " + i + " of stage '" + uid + "'");
      }
      out.add(b);
    }
    return out;
  }

  /** The operator snapshots of every old instance of {@code uid}, or null if none. */
  List<OperatorSnapshot> operators(String uid) {
    List<byte[]> ps = parts(CheckpointParts.OPERATOR, uid);
    if (ps == null) {
      return null;
    }
    List<OperatorSnapshot> out = new ArrayList<>(ps.size());
    for (int i = 0; i < ps.size(); i++) {
      out.add(
          OperatorSnapshots.fromBytes(
              ps.get(i),
              "checkpoint " + checkpoint.id() + ", stage '" + uid + "' instance " + i));
    }
    return out;
  }

  /**
   * The lists of byte arrays (committables, in-flight events) that old instances {@code j} with
   * {@code j % parallelism == instance} stored under {@code kind} for {@code uid}, concatenated.
   */
  List<byte[]> dealt(String kind, String uid, int instance, int parallelism) {
    List<byte[]> ps = parts(kind, uid);
    List<byte[]> out = new ArrayList<>();
    if (ps == null) {
      return out;
    }
    for (int j = 0; j < ps.size(); j++) {
      if (j % parallelism == instance) {
        out.addAll(decodeList(ps.get(j)));
      }
    }
    return out;
  }

  static byte[] encodeList(List<byte[]> items) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    try {
      out.writeInt(items.size());
      for (byte[] item : items) {
        out.writeInt(item.length);
        out.write(item);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static List<byte[]> decodeList(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      int n = in.readInt();
      if (n < 0) {
        throw new IllegalStateException("negative list length " + n + " in a checkpoint part");
      }
      List<byte[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        if (len < 0) {
          throw new IllegalStateException("negative length " + len + " in a checkpoint part");
        }
        byte[] item = new byte[len];
        in.readFully(item);
        out.add(item);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("truncated list in a checkpoint part", e);
    }
  }
}
