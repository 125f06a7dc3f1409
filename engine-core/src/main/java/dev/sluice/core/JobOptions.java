package dev.sluice.core;

import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.CheckpointStore;
import dev.sluice.core.checkpoint.CompletedCheckpoint;
import dev.sluice.core.fault.RestartStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of one submission ({@link Engine#submit(Pipeline, JobOptions)}): the job's
 * name, its restart strategy and its listeners. Start from {@link #defaults()} and change what you
 * need with the {@code with*} methods; each returns a new object.
 *
 * <p><b>Threading:</b> immutable and thread-safe.
 */
public final class JobOptions {
  private static final JobOptions DEFAULTS =
      new JobOptions(null, null, List.of(), null, null);

  private final String name;
  private final RestartStrategy restartStrategy;
  private final List<JobListener> listeners;
  private final CheckpointConfig checkpointing;
  private final RestoreSource restore;

  /**
   * Where a submission restores its state from: a checkpoint given as such, or one to load from
   * a store (a given id, or the newest; {@code id < 0} means the newest, and none at all means a
   * fresh start).
   *
   * @param checkpoint the checkpoint itself, or null to load one
   * @param store where to load it from, if {@code checkpoint} is null
   * @param jobName the name it was stored under, or null for the job's own name
   * @param id the id to load, or -1 for the newest
   */
  public record RestoreSource(
      CompletedCheckpoint checkpoint, CheckpointStore store, String jobName, long id) {}

  private JobOptions(
      String name,
      RestartStrategy restartStrategy,
      List<JobListener> listeners,
      CheckpointConfig checkpointing,
      RestoreSource restore) {
    this.name = name;
    this.restartStrategy = restartStrategy;
    this.listeners = listeners;
    this.checkpointing = checkpointing;
    this.restore = restore;
  }

  /** No name (the engine names the job "job-N"), the engine's restart strategy, no listener. */
  public static JobOptions defaults() {
    return DEFAULTS;
  }

  /**
   * With the job named {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public JobOptions withName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("job name must not be blank");
    }
    return new JobOptions(name, restartStrategy, listeners, checkpointing, restore);
  }

  /**
   * With the job restarted by the engine after a failure as {@code strategy} allows, instead of
   * following {@link EngineConfig#jobRestartStrategy()}. A restarted job runs again from its
   * sources as the same {@link Job}; see {@link JobStatus#RESTARTING}.
   */
  public JobOptions withRestartStrategy(RestartStrategy strategy) {
    return new JobOptions(
        name, Objects.requireNonNull(strategy, "strategy"), listeners, checkpointing, restore);
  }

  /**
   * With {@code listener} added: it hears every status change of this job (before the engine's
   * listeners). See {@link JobListener} for the thread it is called on.
   */
  public JobOptions withListener(JobListener listener) {
    List<JobListener> more = new ArrayList<>(listeners);
    more.add(Objects.requireNonNull(listener, "listener"));
    return new JobOptions(name, restartStrategy, List.copyOf(more), checkpointing, restore);
  }

  /**
   * With checkpoints taken as {@code config} says: consistent snapshots of all managed state and
   * source positions, from which the job restarts after a failure (when its restart strategy
   * restarts it) instead of starting afresh. See docs/checkpoints.md.
   */
  public JobOptions withCheckpointing(CheckpointConfig config) {
    return new JobOptions(
        name, restartStrategy, listeners, Objects.requireNonNull(config, "config"), restore);
  }

  /**
   * With the job starting from {@code checkpoint} (a savepoint or checkpoint, for example the
   * result of {@link Job#triggerSavepoint()}), possibly at other parallelisms: keyed state is
   * redistributed by key group, source positions and sink transactions as their interfaces say.
   */
  public JobOptions withRestoreFrom(CompletedCheckpoint checkpoint) {
    return new JobOptions(
        name, restartStrategy, listeners, checkpointing,
        new RestoreSource(Objects.requireNonNull(checkpoint, "checkpoint"), null, null, -1));
  }

  /**
   * With the job starting from checkpoint or savepoint {@code id} of job {@code jobName}, loaded
   * from {@code store} at submission; submitting fails if it is missing or corrupt.
   */
  public JobOptions withRestoreFrom(CheckpointStore store, String jobName, long id) {
    if (id < 0) {
      throw new IllegalArgumentException("checkpoint id must be >= 0, was " + id);
    }
    return new JobOptions(
        name, restartStrategy, listeners, checkpointing,
        new RestoreSource(
            null, Objects.requireNonNull(store, "store"),
            Objects.requireNonNull(jobName, "jobName"), id));
  }

  /**
   * With the job starting from the newest valid checkpoint or savepoint stored under its own
   * name in {@code store} (corrupt ones are skipped with a warning in the log), or afresh if
   * there is none: what a program that must resume after a crash submits every time.
   */
  public JobOptions withRestoreFromLatest(CheckpointStore store) {
    return new JobOptions(
        name, restartStrategy, listeners, checkpointing,
        new RestoreSource(null, Objects.requireNonNull(store, "store"), null, -1));
  }

  /** The checkpointing settings, if checkpointing is on. */
  public Optional<CheckpointConfig> checkpointing() {
    return Optional.ofNullable(checkpointing);
  }

  /** Where the job restores from, if it does. */
  public Optional<RestoreSource> restoreSource() {
    return Optional.ofNullable(restore);
  }

  /** The job's name, if one was given. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The job's restart strategy, if one was given (else the engine's applies). */
  public Optional<RestartStrategy> restartStrategy() {
    return Optional.ofNullable(restartStrategy);
  }

  /** The job's listeners, in the order they were added. */
  public List<JobListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    return "JobOptions[name=" + name + ", restartStrategy=" + restartStrategy + ", listeners="
        + listeners.size() + ", checkpointing=" + checkpointing + ", restore="
        + (restore != null) + "]";
  }
}
