package dev.sluice.core.internal.checkpoint;

import dev.sluice.core.checkpoint.CheckpointKind;
import dev.sluice.core.checkpoint.CompletedCheckpoint;
import dev.sluice.core.internal.checkpoint.CheckpointFormat.Manifest;
import dev.sluice.core.internal.checkpoint.CheckpointFormat.PartEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checkpoints of one job in one directory: {@code chk-<id>} and {@code sav-<id>}
 * sub-directories (id zero-padded to 19 digits), each holding a {@code MANIFEST} and its part
 * files; {@code .tmp-<pid>-<n>-<id>} directories being written and {@code .trash-<pid>-<n>-...}
 * directories being deleted. Not thread-safe: the store serializes calls per job.
 */
public final class JobDirectory {
  static final String CHECKPOINT_PREFIX = "chk-";
  static final String SAVEPOINT_PREFIX = "sav-";
  static final String TEMP_PREFIX = ".tmp-";
  static final String TRASH_PREFIX = ".trash-";

  /** Temp and trash directories this JVM is writing or deleting now; cleanup leaves them. */
  private static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private final Path dir;
  private final boolean fsync;

  private JobDirectory(Path dir, boolean fsync) {
    this.dir = dir;
    this.fsync = fsync;
  }

  /** The directory of {@code jobName} under {@code root}. */
  public static JobDirectory forJob(Path root, String jobName, boolean fsync) {
    return new JobDirectory(root.resolve(directoryName(jobName)), fsync);
  }

  /** The job directory {@code dir}. */
  public static JobDirectory at(Path dir, boolean fsync) {
    return new JobDirectory(dir, fsync);
  }

  public Path path() {
    return dir;
  }

  /**
   * The directory name of a job: {@code job-} followed by the name with every character outside
   * {@code [A-Za-z0-9_-]} written as {@code %XX} of its UTF-8 bytes; names whose encoding is longer
   * than 160 characters are cut and followed by {@code ~} and 16 hex digits of their SHA-256.
   */
  public static String directoryName(String jobName) {
    StringBuilder b = new StringBuilder("job-");
    for (byte x : jobName.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >>> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    if (b.length() <= 164) {
      return b.toString();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(jobName.getBytes(StandardCharsets.UTF_8));
      StringBuilder h = new StringBuilder(b.substring(0, 164)).append('~');
      for (int i = 0; i < 8; i++) {
        h.append(String.format("%02x", digest[i]));
      }
      return h.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String publishedName(CheckpointKind kind, long id) {
    return (kind == CheckpointKind.SAVEPOINT ? SAVEPOINT_PREFIX : CHECKPOINT_PREFIX)
        + String.format("%019d", id);
  }

  /** A published checkpoint directory found by a listing. */
  public record Entry(long id, CheckpointKind kind, Path path) {}

  /** The published checkpoint directories, ascending by id (checkpoint before savepoint). */
  public List<Entry> entries() throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        CheckpointKind kind =
            name.startsWith(CHECKPOINT_PREFIX)
                ? CheckpointKind.CHECKPOINT
                : name.startsWith(SAVEPOINT_PREFIX) ? CheckpointKind.SAVEPOINT : null;
        if (kind == null || name.length() != 4 + 19) {
          continue;
        }
        try {
          entries.add(new Entry(Long.parseLong(name.substring(4)), kind, p));
        } catch (NumberFormatException e) {
          // not ours
        }
      }
    }
    entries.sort(
        (a, b) -> a.id != b.id ? Long.compare(a.id, b.id) : a.kind.compareTo(b.kind));
    return entries;
  }

  /** Writes {@code checkpoint} to a temp directory, fsyncs it and publishes it by a rename. */
  public void publish(CompletedCheckpoint checkpoint) throws IOException {
    Files.createDirectories(dir);
    List<Entry> sameId = new ArrayList<>();
    for (Entry e : entries()) {
      if (e.id == checkpoint.id()) {
        if (e.kind == CheckpointKind.SAVEPOINT) {
          throw new FileAlreadyExistsException(
              e.path.toString(),
              null,
              "a savepoint with id "
                  + e.id
                  + " exists; savepoints are only removed by delete(jobName, id)");
        }
        sameId.add(e);
      }
    }
    Path temp =
        dir.resolve(
            TEMP_PREFIX + PID + "-" + SEQUENCE.incrementAndGet() + "-" + checkpoint.id());
    IN_FLIGHT.add(temp.toString());
    try {
      Files.createDirectory(temp);
      List<PartEntry> entries = new ArrayList<>(checkpoint.parts().size());
      int index = 0;
      for (Map.Entry<String, byte[]> part : checkpoint.parts().entrySet()) {
        byte[] payload = part.getValue();
        int crc = CheckpointFormat.crc(payload, 0, payload.length);
        String fileName = CheckpointFormat.partFileName(index);
        DurableFiles.writeNew(
            temp.resolve(fileName),
            fsync,
            CheckpointFormat.partHeader(checkpoint.id(), index, payload, crc),
            ByteBuffer.wrap(payload));
        entries.add(new PartEntry(part.getKey(), fileName, payload.length, crc));
        index++;
      }
      byte[] manifest =
          CheckpointFormat.encodeManifest(
              new Manifest(
                  checkpoint.jobName(),
                  checkpoint.id(),
                  checkpoint.timestampMillis(),
                  checkpoint.kind(),
                  entries));
      DurableFiles.writeNew(temp.resolve(CheckpointFormat.MANIFEST), fsync, ByteBuffer.wrap(manifest));
      if (fsync) {
        DurableFiles.fsyncDirectory(temp);
      }
      for (Entry old : sameId) {
        remove(old.path);
      }
      DurableFiles.atomicMove(temp, dir.resolve(publishedName(checkpoint.kind(), checkpoint.id())));
      if (fsync) {
        DurableFiles.fsyncDirectory(dir);
      }
    } catch (IOException | RuntimeException e) {
      try {
        DurableFiles.deleteRecursively(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      IN_FLIGHT.remove(temp.toString());
    }
  }

  /**
   * Removes checkpoints (not savepoints) with ids up to {@code storedId} beyond the newest
   * {@code retained} of them. Checkpoints with a higher id (from a run that was rolled back to an
   * older checkpoint) are left alone.
   */
  public void applyRetention(long storedId, int retained) throws IOException {
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries()) {
      if (e.kind == CheckpointKind.CHECKPOINT && e.id <= storedId) {
        candidates.add(e);
      }
    }
    for (int i = 0; i < candidates.size() - retained; i++) {
      remove(candidates.get(i).path);
    }
  }

  /** Removes the published directory of {@code id}; true if there was one. */
  public boolean delete(long id) throws IOException {
    boolean found = false;
    for (Entry e : entries()) {
      if (e.id == id) {
        remove(e.path);
        found = true;
      }
    }
    return found;
  }

  /**
   * Unpublishes {@code published} atomically (renames it to a trash name, so no reader sees it
   * half-deleted), then deletes it.
   */
  private void remove(Path published) throws IOException {
    Path trash =
        dir.resolve(
            TRASH_PREFIX
                + PID
                + "-"
                + SEQUENCE.incrementAndGet()
                + "-"
                + published.getFileName());
    IN_FLIGHT.add(trash.toString());
    try {
      DurableFiles.atomicMove(published, trash);
      if (fsync) {
        DurableFiles.fsyncDirectory(dir);
      }
      DurableFiles.deleteRecursively(trash);
    } finally {
      IN_FLIGHT.remove(trash.toString());
    }
  }

  /**
   * Deletes temp and trash directories left by a process that died (or by this one, when no call
   * of this JVM is using them); returns their names.
   */
  public List<String> cleanLeftovers() throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return removed;
    }
    List<Path> leftovers = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX)) {
          leftovers.add(p);
        }
      }
    }
    for (Path p : leftovers) {
      if (IN_FLIGHT.contains(p.toString()) || ownerAlive(p.getFileName().toString())) {
        continue;
      }
      DurableFiles.deleteRecursively(p);
      removed.add(p.getFileName().toString());
    }
    return removed;
  }

  private static boolean ownerAlive(String name) {
    String rest = name.substring(name.startsWith(TEMP_PREFIX) ? TEMP_PREFIX.length() : TRASH_PREFIX.length());
    int dash = rest.indexOf('-');
    long pid;
    try {
      pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == PID) {
      return false; // ours, and not in flight: left by an earlier failed call
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Reads and verifies the checkpoint in {@code entry}. */
  public CompletedCheckpoint read(String jobName, Entry entry) throws IOException {
    Path manifestFile = entry.path.resolve(CheckpointFormat.MANIFEST);
    byte[] manifestBytes;
    try {
      manifestBytes = Files.readAllBytes(manifestFile);
    } catch (NoSuchFileException e) {
      throw CheckpointFormat.corrupt(
          manifestFile,
          "missing: the checkpoint directory was not completely published, or was partly deleted");
    }
    Manifest manifest = CheckpointFormat.decodeManifest(manifestFile, manifestBytes);
    if (!manifest.jobName().equals(jobName)) {
      throw CheckpointFormat.corrupt(
          manifestFile,
          "belongs to job '" + manifest.jobName() + "', not '" + jobName + "'");
    }
    if (manifest.id() != entry.id || manifest.kind() != entry.kind) {
      throw CheckpointFormat.corrupt(
          manifestFile,
          "describes "
              + manifest.kind()
              + " "
              + manifest.id()
              + ", but its directory name says "
              + entry.kind
              + " "
              + entry.id);
    }
    Set<String> expected = new HashSet<>();
    expected.add(CheckpointFormat.MANIFEST);
    Map<String, byte[]> parts = new LinkedHashMap<>();
    int index = 0;
    for (PartEntry part : manifest.parts()) {
      if (!part.fileName().equals(CheckpointFormat.partFileName(index))
          || !expected.add(part.fileName())) {
        throw CheckpointFormat.corrupt(
            manifestFile, "names part file '" + part.fileName() + "' at position " + index);
      }
      Path partFile = entry.path.resolve(part.fileName());
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(partFile);
      } catch (NoSuchFileException e) {
        throw CheckpointFormat.corrupt(
            partFile, "missing: the manifest lists it for part '" + part.name() + "'");
      }
      if (parts.put(part.name(), CheckpointFormat.decodePart(partFile, bytes, entry.id, index, part))
          != null) {
        throw CheckpointFormat.corrupt(manifestFile, "lists part '" + part.name() + "' twice");
      }
      index++;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(entry.path)) {
      for (Path p : stream) {
        if (!expected.contains(p.getFileName().toString())) {
          throw CheckpointFormat.corrupt(
              p, "unexpected file in the checkpoint directory (not listed in its MANIFEST)");
        }
      }
    }
    return new CompletedCheckpoint(
        manifest.jobName(), manifest.id(), manifest.timestampMillis(), manifest.kind(), parts);
  }
}
