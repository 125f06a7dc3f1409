package dev.sluice.core.checkpoint;

import dev.sluice.core.internal.checkpoint.JobDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The default durable {@link CheckpointStore}: one directory per job under a root directory, one
 * sub-directory per checkpoint.
 *
 * <pre>
 * root/
 *   job-orders/                       job name, with characters outside [A-Za-z0-9_-] as %XX
 *     chk-0000000000000000041/        a checkpoint (kept: the newest N)
 *       MANIFEST                      job, id, time, kind, and per part: name, file, length, CRC32C
 *       part-00000 ...                magic "SLCP", version, id, index, length, CRC32C, payload
 *     sav-0000000000000000007/        a savepoint (kept until {@link #delete})
 *     .tmp-4711-3-42/                 being written by process 4711; removed if 4711 died
 * </pre>
 *
 * <p><b>Atomicity:</b> {@link #store} writes every part and then the manifest into a temporary
 * directory, fsyncs each file and the directory, renames the directory to its published name
 * ({@link java.nio.file.StandardCopyOption#ATOMIC_MOVE}) and fsyncs the job directory. A process
 * that dies before the rename leaves only a temporary directory, which this class deletes when it
 * next touches the job; after the rename, the checkpoint is complete on disk. Deleting a
 * checkpoint first renames it to a trash name, so no reader ever sees one half deleted. Storing
 * an id that exists as a checkpoint replaces it (this happens after a restore from an older
 * checkpoint); storing over an existing savepoint's id fails.
 *
 * <p><b>Verification:</b> loading checks, for the manifest and every part, the magic number,
 * format version, header checksum, declared length against the file's length (truncation,
 * trailing garbage), payload CRC32C, that each part belongs to this checkpoint and matches the
 * manifest's length and checksum, that no part is missing and no unlisted file is present. A
 * failure is a {@link CheckpointCorruptException} whose message starts with the file's path, e.g.
 * {@code .../chk-0000000000000000042/part-00001: payload checksum mismatch in part
 * 'stage/3/keyed' (stored CRC32C 0x1a2b3c4d, computed 0x5e6f7a8b)}.
 *
 * <p><b>Retention:</b> after storing checkpoint {@code n}, checkpoints of the job with ids up to
 * {@code n} beyond the newest {@link #retainedCheckpoints()} are deleted; savepoints are never
 * deleted by retention. A process that dies between publishing and retention leaves one checkpoint
 * too many, which the next store removes. Runtimes should number a job's checkpoints above every id in {@link
 * #list} (checkpoints with higher ids than the one stored are left alone, and {@link #loadLatest}
 * would prefer them).
 *
 * <p><b>Threading:</b> thread-safe; calls for one job are serialized (a load never sees a
 * checkpoint being deleted by retention), calls for different jobs run in parallel. One store
 * (or one process) per root directory at a time: two processes storing the same job concurrently
 * are not coordinated. <b>Allocation:</b> a load reads every part fully into memory.
 */
public final class LocalDirectoryCheckpointStore implements CheckpointStore {
  /** Checkpoints kept per job unless the builder says otherwise. */
  public static final int DEFAULT_RETAINED_CHECKPOINTS = 3;

  private final Path root;
  private final int retainedCheckpoints;
  private final boolean fsync;
  private final ConcurrentHashMap<String, Object> jobLocks = new ConcurrentHashMap<>();

  private LocalDirectoryCheckpointStore(Builder builder) throws IOException {
    this.root = builder.root;
    this.retainedCheckpoints = builder.retainedCheckpoints;
    this.fsync = builder.fsync;
    Files.createDirectories(root);
    cleanLeftovers(warning -> {});
  }

  /**
   * A store under {@code root} (created if absent) with the defaults; deletes leftovers of
   * crashed writers.
   *
   * @throws IOException if the root cannot be created or read
   */
  public static LocalDirectoryCheckpointStore open(Path root) throws IOException {
    return builder(root).build();
  }

  /** A builder for a store under {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** How many checkpoints (not savepoints) are kept per job. */
  public int retainedCheckpoints() {
    return retainedCheckpoints;
  }

  /** Whether files and directories are fsynced (always, unless the builder turned it off). */
  public boolean fsync() {
    return fsync;
  }

  /** The directory holding the checkpoints of {@code jobName}. */
  public Path jobDirectory(String jobName) {
    return job(jobName).path();
  }

  @Override
  public void store(CompletedCheckpoint checkpoint) throws IOException {
    Objects.requireNonNull(checkpoint, "checkpoint");
    JobDirectory job = job(checkpoint.jobName());
    synchronized (lock(checkpoint.jobName())) {
      job.cleanLeftovers();
      job.publish(checkpoint);
      job.applyRetention(checkpoint.id(), retainedCheckpoints);
    }
  }

  @Override
  public Optional<CompletedCheckpoint> loadLatest(String jobName, Consumer<String> warnings)
      throws IOException {
    Objects.requireNonNull(warnings, "warnings");
    JobDirectory job = job(jobName);
    synchronized (lock(jobName)) {
      for (String removed : job.cleanLeftovers()) {
        warnings.accept(
            "removed "
                + job.path().resolve(removed)
                + ": left by a store or delete that did not finish");
      }
      List<JobDirectory.Entry> entries = job.entries();
      for (int i = entries.size() - 1; i >= 0; i--) {
        try {
          return Optional.of(job.read(jobName, entries.get(i)));
        } catch (CheckpointCorruptException e) {
          warnings.accept(
              "skipping "
                  + entries.get(i).kind().name().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + entries.get(i).id()
                  + " of job '"
                  + jobName
                  + "': "
                  + e.getMessage());
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public CompletedCheckpoint load(String jobName, long id) throws IOException {
    JobDirectory job = job(jobName);
    synchronized (lock(jobName)) {
      JobDirectory.Entry found = find(job, id);
      if (found == null) {
        throw new NoSuchFileException(
            job.path().toString(), null, "no checkpoint or savepoint " + id + " of job '" + jobName + "'");
      }
      return job.read(jobName, found);
    }
  }

  @Override
  public List<Long> list(String jobName) throws IOException {
    JobDirectory job = job(jobName);
    synchronized (lock(jobName)) {
      List<Long> ids = new ArrayList<>();
      for (JobDirectory.Entry e : job.entries()) {
        if (ids.isEmpty() || ids.get(ids.size() - 1) != e.id()) {
          ids.add(e.id());
        }
      }
      return ids;
    }
  }

  /** The kind of stored checkpoint {@code id} of {@code jobName}, if present (not verified). */
  public Optional<CheckpointKind> kindOf(String jobName, long id) throws IOException {
    JobDirectory job = job(jobName);
    synchronized (lock(jobName)) {
      JobDirectory.Entry e = find(job, id);
      return e == null ? Optional.empty() : Optional.of(e.kind());
    }
  }

  /**
   * Deletes checkpoint or savepoint {@code id} of {@code jobName}; the only way a savepoint is
   * removed.
   *
   * @return true if it existed
   */
  public boolean delete(String jobName, long id) throws IOException {
    JobDirectory job = job(jobName);
    synchronized (lock(jobName)) {
      return job.delete(id);
    }
  }

  /**
   * Deletes temporary and trash directories that crashed writers left under every job; says what
   * it removed to {@code removed}. The constructor calls it, and each store and load calls it for
   * its job.
   */
  public void cleanLeftovers(Consumer<String> removed) throws IOException {
    List<Path> jobs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, "job-*")) {
      for (Path p : stream) {
        jobs.add(p);
      }
    }
    for (Path jobDir : jobs) {
      // no job lock needed: a temp or trash directory of a call in progress in this JVM is
      // registered before it is created and is never deleted here
      for (String name : JobDirectory.at(jobDir, fsync).cleanLeftovers()) {
        removed.accept("removed " + jobDir.resolve(name));
      }
    }
  }

  private static JobDirectory.Entry find(JobDirectory job, long id) throws IOException {
    for (JobDirectory.Entry e : job.entries()) {
      if (e.id() == id) {
        return e;
      }
    }
    return null;
  }

  private JobDirectory job(String jobName) {
    return JobDirectory.forJob(root, Objects.requireNonNull(jobName, "jobName"), fsync);
  }

  private Object lock(String jobName) {
    return jobLocks.computeIfAbsent(jobName, k -> new Object());
  }

  @Override
  public String toString() {
    return "LocalDirectoryCheckpointStore[" + root + ", retained=" + retainedCheckpoints + "]";
  }

  /** Configures a {@link LocalDirectoryCheckpointStore}; not thread-safe. */
  public static final class Builder {
    private final Path root;
    private int retainedCheckpoints = DEFAULT_RETAINED_CHECKPOINTS;
    private boolean fsync = true;

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    }

    /** Checkpoints kept per job, at least 1; default {@value #DEFAULT_RETAINED_CHECKPOINTS}. */
    public Builder retainedCheckpoints(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("retainedCheckpoints must be >= 1, was " + count);
      }
      this.retainedCheckpoints = count;
      return this;
    }

    /**
     * Whether to fsync files and directories (default true). Turning it off keeps atomicity
     * against a crash of the process but not against a power loss or kernel crash; for tests.
     */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /**
     * Creates the store, creating the root directory if absent and deleting leftovers of
     * crashed writers.
     */
    public LocalDirectoryCheckpointStore build() throws IOException {
      return new LocalDirectoryCheckpointStore(this);
    }
  }
}
