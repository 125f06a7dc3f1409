package dev.sluice.core;

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
  private static final JobOptions DEFAULTS = new JobOptions(null, null, List.of());

  private final String name;
  private final RestartStrategy restartStrategy;
  private final List<JobListener> listeners;

  private JobOptions(String name, RestartStrategy restartStrategy, List<JobListener> listeners) {
    this.name = name;
    this.restartStrategy = restartStrategy;
    this.listeners = listeners;
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
    return new JobOptions(name, restartStrategy, listeners);
  }

  /**
   * With the job restarted by the engine after a failure as {@code strategy} allows, instead of
   * following {@link EngineConfig#jobRestartStrategy()}. A restarted job runs again from its
   * sources as the same {@link Job}; see {@link JobStatus#RESTARTING}.
   */
  public JobOptions withRestartStrategy(RestartStrategy strategy) {
    return new JobOptions(name, Objects.requireNonNull(strategy, "strategy"), listeners);
  }

  /**
   * With {@code listener} added: it hears every status change of this job (before the engine's
   * listeners). See {@link JobListener} for the thread it is called on.
   */
  public JobOptions withListener(JobListener listener) {
    List<JobListener> more = new ArrayList<>(listeners);
    more.add(Objects.requireNonNull(listener, "listener"));
    return new JobOptions(name, restartStrategy, List.copyOf(more));
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
        + listeners.size() + "]";
  }
}
