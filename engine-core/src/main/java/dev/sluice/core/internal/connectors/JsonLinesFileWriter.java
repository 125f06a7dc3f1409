package dev.sluice.core.internal.connectors;

import dev.sluice.core.checkpoint.TwoPhaseCommitWriter;
import dev.sluice.core.internal.checkpoint.DurableFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The writer of {@link dev.sluice.core.checkpoint.JsonLinesFileSink}: one in-progress file, a list
 * of prepared (pending) files, commit by rename. See the sink's Javadoc for the protocol.
 */
public final class JsonLinesFileWriter<T> implements TwoPhaseCommitWriter<T> {
  private static final int COMMITTABLE_VERSION = 1;

  private final String sinkName;
  private final Path directory;
  private final String prefix;
  private final int instance;
  private final int parallelism;
  private final Function<? super T, String> formatter;
  private final boolean fsync;
  private final Path inProgress;

  private FileChannel channel;
  private OutputStream out;
  private long openBytes;
  private long lastPreparedId = -1;
  /** The highest checkpoint id of a committed file seen by recover. */
  private long committedFloor = -1;
  /** Prepared, not yet committed, in preparation order. */
  private final List<Pending> pending = new ArrayList<>();

  /** A prepared file: its instance, checkpoint id and length. */
  record Pending(int instance, long checkpointId, long length) {}

  public JsonLinesFileWriter(
      String sinkName,
      Path directory,
      String prefix,
      int instance,
      int parallelism,
      Function<? super T, String> formatter,
      boolean fsync) {
    this.sinkName = sinkName;
    this.directory = directory;
    this.prefix = prefix;
    this.instance = instance;
    this.parallelism = parallelism;
    this.formatter = formatter;
    this.fsync = fsync;
    this.inProgress = directory.resolve(inProgressName(prefix, instance));
  }

  static String inProgressName(String prefix, int instance) {
    return "." + prefix + "-" + instance + ".inprogress";
  }

  static String pendingName(String prefix, int instance, long checkpointId) {
    return String.format(".%s-%d-%019d.pending", prefix, instance, checkpointId);
  }

  static String finalName(String prefix, int instance, long checkpointId) {
    return String.format("%s-%d-%019d.jsonl", prefix, instance, checkpointId);
  }

  /** {instance, checkpoint id} of a committed file name of {@code prefix}, or null. */
  public static long[] parseFinal(String prefix, String fileName) {
    return parse(fileName, prefix + "-", ".jsonl", true);
  }

  private static long[] parse(String name, String head, String tail, boolean withId) {
    if (!name.startsWith(head) || !name.endsWith(tail)) {
      return null;
    }
    String middle = name.substring(head.length(), name.length() - tail.length());
    try {
      if (!withId) {
        return middle.matches("[0-9]+") ? new long[] {Integer.parseInt(middle), -1} : null;
      }
      int dash = middle.indexOf('-');
      if (dash < 1 || middle.length() - dash - 1 != 19 || !middle.matches("[0-9]+-[0-9]{19}")) {
        return null;
      }
      return new long[] {Integer.parseInt(middle.substring(0, dash)), Long.parseLong(middle.substring(dash + 1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public boolean offer(T event, long timestamp) throws IOException {
    String line = formatter.apply(event);
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "sink '" + sinkName + "': the formatter returned a line with a line break: " + abbreviate(line));
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      channel =
          FileChannel.open(
              inProgress,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      openBytes = 0;
    }
    out.write(bytes);
    out.write('\n');
    openBytes += bytes.length + 1;
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  @Override
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public byte[] prepareCommit(long checkpointId) throws IOException {
    if (checkpointId <= lastPreparedId) {
      throw new IllegalStateException(
          "sink '" + sinkName + "' instance " + instance + ": prepareCommit(" + checkpointId
              + ") after prepareCommit(" + lastPreparedId + "); checkpoint ids must increase");
    }
    lastPreparedId = checkpointId;
    if (out != null) {
      long length = closeInProgress();
      DurableFiles.atomicMove(inProgress, directory.resolve(pendingName(prefix, instance, checkpointId)));
      if (fsync) {
        DurableFiles.fsyncDirectory(directory);
      }
      pending.add(new Pending(instance, checkpointId, length));
    }
    return encode(checkpointId, pending);
  }

  /** Flushes, fsyncs and closes the in-progress file; returns its length. */
  private long closeInProgress() throws IOException {
    out.flush();
    if (fsync) {
      channel.force(true);
    }
    long length = channel.size();
    out.close();
    out = null;
    channel = null;
    if (length != openBytes) {
      throw new IOException(inProgress + " holds " + length + " bytes, " + openBytes + " were written");
    }
    return length;
  }

  @Override
  public void checkpointComplete(long checkpointId) throws IOException {
    boolean committed = false;
    while (!pending.isEmpty() && pending.get(0).checkpointId() <= checkpointId) {
      commit(pending.get(0));
      pending.remove(0);
      committed = true;
    }
    if (committed && fsync) {
      DurableFiles.fsyncDirectory(directory);
    }
  }

  /** Renames a pending file to its final name; a file committed already is checked and kept. */
  private void commit(Pending p) throws IOException {
    Path from = directory.resolve(pendingName(prefix, p.instance(), p.checkpointId()));
    Path to = directory.resolve(finalName(prefix, p.instance(), p.checkpointId()));
    try {
      DurableFiles.atomicMove(from, to);
      return;
    } catch (NoSuchFileException e) {
      // committed before (a crash after the rename, or a recover run twice)
    }
    long size;
    try {
      size = Files.size(to);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "sink '" + sinkName + "': neither " + from + " nor " + to
              + " exists, but a checkpoint says it was prepared with " + p.length()
              + " bytes; that output is lost (deleted outside the sink?)");
    }
    if (size != p.length()) {
      throw new IllegalStateException(
          "sink '" + sinkName + "': " + to + " holds " + size + " bytes, but its checkpoint says "
              + p.length() + " were prepared");
    }
  }

  @Override
  public void recover(List<byte[]> committables) throws IOException {
    Set<String> covered = new HashSet<>();
    List<Pending> toCommit = new ArrayList<>();
    for (byte[] committable : committables) {
      // a replay continues after the restored checkpoint: complete() must not reuse its id
      lastPreparedId = Math.max(lastPreparedId, checkpointIdOf(committable));
      for (Pending p : decode(committable)) {
        if (covered.add(pendingName(prefix, p.instance(), p.checkpointId()))) {
          toCommit.add(p);
        }
      }
    }
    for (Pending p : toCommit) {
      commit(p);
    }
    List<Path> leftovers = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "." + prefix + "-*")) {
      for (Path path : stream) {
        String name = path.getFileName().toString();
        long[] inProgressOf = parse(name, "." + prefix + "-", ".inprogress", false);
        long[] pendingOf = parse(name, "." + prefix + "-", ".pending", true);
        if (inProgressOf == null && pendingOf == null) {
          continue;
        }
        long owner = inProgressOf != null ? inProgressOf[0] : pendingOf != null ? pendingOf[0] : -1;
        if (owner >= 0 && owner % parallelism == instance && !covered.contains(name)
            && !(out != null && path.equals(inProgress))) {
          leftovers.add(path);
        }
      }
    }
    // files this sink names later (complete() without a checkpoint) sort after everything
    // committed so far, also on an instance that took over no committable
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, prefix + "-*.jsonl")) {
      for (Path path : stream) {
        long[] committed = parseFinal(prefix, path.getFileName().toString());
        if (committed != null) {
          committedFloor = Math.max(committedFloor, committed[1]);
        }
      }
    }
    for (Path path : leftovers) {
      Files.deleteIfExists(path);
    }
    if (fsync) {
      DurableFiles.fsyncDirectory(directory);
    }
  }

  @Override
  public void complete() throws IOException {
    if (out != null) {
      prepareCommit(Math.max(lastPreparedId, committedFloor) + 1);
    }
    checkpointComplete(Long.MAX_VALUE);
  }

  @Override
  public void close(Throwable failure) throws IOException {
    if (out != null) {
      OutputStream o = out;
      out = null;
      channel = null;
      o.close();
    }
  }

  /**
   * The committable of checkpoint {@code checkpointId}: version byte, the checkpoint id, the
   * number of pending files, then per file its instance, checkpoint id and length.
   */
  private static byte[] encode(long checkpointId, List<Pending> pending) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + pending.size() * 20);
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeByte(COMMITTABLE_VERSION);
    data.writeLong(checkpointId);
    data.writeInt(pending.size());
    for (Pending p : pending) {
      data.writeInt(p.instance());
      data.writeLong(p.checkpointId());
      data.writeLong(p.length());
    }
    data.flush();
    return bytes.toByteArray();
  }

  /** The checkpoint id a committable was prepared for. */
  static long checkpointIdOf(byte[] committable) throws IOException {
    DataInputStream data = new DataInputStream(new ByteArrayInputStream(committable));
    checkVersion(data.readUnsignedByte());
    return data.readLong();
  }

  private static void checkVersion(int version) throws StreamCorruptedException {
    if (version != COMMITTABLE_VERSION) {
      throw new StreamCorruptedException(
          "JSON-lines sink committable of version " + version + "; this build reads " + COMMITTABLE_VERSION);
    }
  }

  static List<Pending> decode(byte[] committable) throws IOException {
    DataInputStream data = new DataInputStream(new ByteArrayInputStream(committable));
    checkVersion(data.readUnsignedByte());
    data.readLong();
    int n = data.readInt();
    if (n < 0 || n > committable.length / 20) {
      throw new StreamCorruptedException("JSON-lines sink committable with " + n + " files in " + committable.length + " bytes");
    }
    List<Pending> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new Pending(data.readInt(), data.readLong(), data.readLong()));
    }
    return list;
  }
}
