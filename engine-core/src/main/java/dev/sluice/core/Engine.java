package dev.sluice.core;

import dev.sluice.core.internal.plan.PhysicalPlan;
import dev.sluice.core.internal.plan.Planner;
import dev.sluice.core.internal.runtime.EngineClock;
import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.internal.runtime.ExecutionService;
import dev.sluice.core.internal.runtime.JobBuilder;
import dev.sluice.core.internal.runtime.JobEventDispatcher;
import dev.sluice.core.internal.runtime.JobExecution;
import dev.sluice.core.metrics.AlertMonitor;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.DebugEventLog;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.MetricsReporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs pipelines. An engine owns a fixed pool of worker threads shared by its jobs, a dedicated
 * thread per blocking source or sink instance, and one event thread ({@code <prefix>-events}) that
 * calls {@link JobListener}s, completes jobs' completions and runs job restarts. It admits at most
 * {@link EngineConfig#maxConcurrentJobs()} running jobs; further submissions wait (status QUEUED)
 * up to {@link EngineConfig#maxQueuedJobs()}, beyond which they are rejected. A job that the
 * engine restarts after a failure keeps its slot while RESTARTING.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create()) {
 *   Job job = engine.submit(pipeline);
 *   job.join(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. {@link #close()} cancels every job and waits for every
 * thread of the engine to end; no thread survives it.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final ExecutionService service;
  private final Planner planner;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
  private final JobBuilder builder;
  private final AtomicLong ids = new AtomicLong();
  private final ArrayDeque<JobExecution> queued = new ArrayDeque<>();
  private final List<JobExecution> running = new ArrayList<>();
  private final ArrayDeque<JobExecution> recentlyEnded = new ArrayDeque<>();
  private final List<JobExecution> all = new ArrayList<>();
  private final DebugEventLog debugLog = new DebugEventLog(1024);
  private final JobEventDispatcher events;
  private final List<MetricsReporter> reporters = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The plans of the jobs {@link #snapshot()} covers, by job id (for monitoring). */
  private final java.util.Map<Long, Plan> jobPlans = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean closed;

  private Engine(EngineConfig config) {
    this.config = config;
    this.planner = new Planner(config.defaultQueueCapacity());
    this.builder = new JobBuilder(config.batchSize(), EngineClock.SYSTEM, config.metricsEnabled());
    this.events = new JobEventDispatcher(config.threadNamePrefix() + "-events", debugLog);
    this.service =
        new ExecutionService(
            config.workerThreads(), config.threadNamePrefix(), config.maxIdleParkMicros());
  }

  /** An engine with {@link EngineConfig#defaults()}. */
  public static Engine create() {
    return new Engine(EngineConfig.defaults());
  }

  /** An engine with {@code config}. */
  public static Engine create(EngineConfig config) {
    return new Engine(Objects.requireNonNull(config, "config"));
  }

  /** The settings. */
  public EngineConfig config() {
    return config;
  }

  /**
   * Validates and plans {@code pipeline} without running it.
   *
   * @throws PipelineValidationException listing every problem
   */
  public Plan plan(Pipeline pipeline) {
    return planner.plan(pipeline.nodes(), pipeline.uidsRequired()).describe();
  }

  /** Submits {@code pipeline} under the name "job-N", with {@link JobOptions#defaults()}. */
  public Job submit(Pipeline pipeline) {
    return submit(pipeline, JobOptions.defaults());
  }

  /**
   * Submits {@code pipeline} named {@code jobName} ("job-N" if null); otherwise as {@link
   * #submit(Pipeline, JobOptions)} with the defaults.
   */
  public Job submit(Pipeline pipeline, String jobName) {
    return submit(
        pipeline, jobName == null ? JobOptions.defaults() : JobOptions.defaults().withName(jobName));
  }

  /**
   * Validates, plans and starts {@code pipeline}, or queues it if the engine already runs its
   * maximum of jobs. The job follows {@code options}: its name, its restart strategy (else {@link
   * EngineConfig#jobRestartStrategy()}) and its listeners.
   *
   * @throws PipelineValidationException if the pipeline is invalid (nothing is started)
   * @throws JobRejectedException if the wait queue is full or the engine is closed
   * @throws IllegalStateException if a {@link PushSource} of the pipeline already feeds a job;
   *     or if the checkpoint to restore from ({@link JobOptions#withRestoreFrom}) cannot be
   *     loaded, or holds state of a stage uid the pipeline does not have
   * @throws java.io.UncheckedIOException if checkpointing is on and its store cannot list the
   *     job's checkpoints
   */
  public Job submit(Pipeline pipeline, JobOptions options) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(options, "options");
    PhysicalPlan plan = planner.plan(pipeline.nodes(), pipeline.uidsRequired());
    long id = ids.incrementAndGet();
    String jobName = options.name().orElse("job-" + id);
    JobExecution job =
        builder.build(
            id, jobName, plan, options.checkpointing().orElse(null),
            restoreCheckpoint(jobName, options));
    jobPlans.put(id, plan.describe());
    job.configure(
        events, debugLog, options.listeners(),
        options.restartStrategy().orElse(config.jobRestartStrategy()));
    job.onTerminated(this::onTerminated);
    job.onCircuitTransition(
        t -> debugLog.record(
            DebugEvent.Kind.CIRCUIT_TRANSITION, t.breaker(), t.from() + " -> " + t.to()));
    List<PushSource<?>> pushSources = bindPushSources(plan, job);
    boolean startNow;
    synchronized (this) {
      if (closed) {
        pushSources.forEach(PushSource::unbind);
        throw new JobRejectedException("engine is closed");
      }
      if (running.size() < config.maxConcurrentJobs()) {
        running.add(job);
        startNow = true;
      } else if (queued.size() < config.maxQueuedJobs()) {
        queued.add(job);
        startNow = false;
      } else {
        pushSources.forEach(PushSource::unbind);
        throw new JobRejectedException(
            "job '" + job.name() + "' rejected: " + running.size() + " jobs running and "
                + queued.size() + " waiting (maxQueuedJobs=" + config.maxQueuedJobs() + ")");
      }
      all.add(job);
      job.submitted();
    }
    if (startNow) {
      job.start(service); // false if cancelled meanwhile: onTerminated has handled its end
    }
    return job;
  }

  /**
   * The checkpoint a submission restores from, loaded from its store if need be; null for a
   * fresh start.
   *
   * @throws IllegalStateException if the store cannot give it
   */
  private static dev.sluice.core.checkpoint.CompletedCheckpoint restoreCheckpoint(
      String jobName, JobOptions options) {
    JobOptions.RestoreSource r = options.restoreSource().orElse(null);
    if (r == null) {
      return null;
    }
    if (r.checkpoint() != null) {
      return r.checkpoint();
    }
    String name = r.jobName() != null ? r.jobName() : jobName;
    try {
      if (r.id() >= 0) {
        return r.store().load(name, r.id());
      }
      return r.store()
          .loadLatest(name, w -> LOG.warn("job '{}': {}", jobName, w))
          .orElse(null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "job '" + jobName + "': cannot load " + (r.id() >= 0 ? "checkpoint " + r.id() : "the newest checkpoint")
              + " of job '" + name + "' from " + r.store() + ": " + e.getMessage(), e);
    }
  }

  /** Binds the pipeline's push sources to {@code job}; all or none. */
  private static List<PushSource<?>> bindPushSources(PhysicalPlan plan, JobExecution job) {
    List<PushSource<?>> bound = new ArrayList<>();
    try {
      for (StageNode s : plan.stages()) {
        if (s.kind() == StageNode.Kind.SOURCE && s.function() instanceof PushSource<?> push) {
          job.addHook(push.bind(job.name()));
          bound.add(push);
        }
      }
    } catch (IllegalStateException e) {
      bound.forEach(PushSource::unbind);
      throw e;
    }
    return bound;
  }

  /** Called once per job, on the thread that ended it, before its completion completes. */
  private void onTerminated(JobExecution job) {
    JobExecution next = null;
    synchronized (this) {
      all.remove(job);
      queued.remove(job);
      recentlyEnded.addLast(job);
      while (recentlyEnded.size() > 16) {
        jobPlans.remove(recentlyEnded.removeFirst().id());
      }
      if (!running.remove(job)) {
        return;
      }
      while (!closed && !queued.isEmpty()) {
        JobExecution candidate = queued.poll();
        if (!candidate.status().isTerminal()) {
          next = candidate;
          running.add(next);
          break;
        }
      }
    }
    if (next != null) {
      next.start(service); // false if cancelled meanwhile: onTerminated has handled its end
    }
  }

  /**
   * Adds a listener that hears every status change of every job of this engine from now on (after
   * each job's own listeners). See {@link JobListener} for the thread and the failure behaviour.
   */
  public void addJobListener(JobListener listener) {
    events.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #addJobListener}; false if it was not registered. */
  public boolean removeJobListener(JobListener listener) {
    return events.removeListener(listener);
  }

  /** How many listener calls have thrown (each is also logged and in the debug log). */
  public long listenerFailures() {
    return events.listenerFailures();
  }

  /**
   * The metrics of every job not yet ended and of the 16 most recently ended: counts, rates,
   * latencies (since the previous snapshot), watermarks and edge utilisation. Take snapshots
   * from one place, periodically (a {@link MetricsReporter} does).
   */
  public EngineSnapshot snapshot() {
    List<JobExecution> jobs;
    synchronized (this) {
      jobs = new ArrayList<>(recentlyEnded);
      jobs.addAll(all);
    }
    long now = System.currentTimeMillis();
    List<JobSnapshot> out = new ArrayList<>(jobs.size());
    for (JobExecution j : jobs) {
      out.add(j.snapshot(now));
    }
    return new EngineSnapshot(now, out);
  }

  /**
   * The jobs {@link #snapshot()} covers: every job not yet ended and the 16 most recently ended,
   * the ended ones first (in the order they ended), then the others in submission order. The
   * handles are those {@link #submit} returned; a monitor uses them to cancel a job by id.
   */
  public List<Job> jobs() {
    synchronized (this) {
      List<Job> jobs = new ArrayList<>(recentlyEnded);
      jobs.addAll(all);
      return jobs;
    }
  }

  /**
   * The plan (chains and queue edges) of job {@code jobId}, for a job {@link #jobs()} lists;
   * empty for other ids. A monitor draws the job's topology from it.
   */
  public java.util.Optional<Plan> plan(long jobId) {
    return java.util.Optional.ofNullable(jobPlans.get(jobId));
  }

  /**
   * The engine's debug event log: every job state change (from submission on), failures, restarts
   * of jobs, sources and sinks (with stage and cause), circuit transitions, alerts, listener
   * failures.
   */
  public DebugEventLog debugLog() {
    return debugLog;
  }

  /**
   * Reports {@link #snapshot()} every {@code period} on a thread of its own, to {@code console}
   * (if not null) and to SLF4J (if {@code toLog}), and evaluates {@code alerts} (if not null;
   * alert transitions also go to the debug log). Closed with the engine.
   */
  public MetricsReporter startReporter(
      Duration period, java.io.PrintStream console, boolean toLog, AlertMonitor alerts) {
    if (alerts != null) {
      alerts.onAlert(
          a -> debugLog.record(
              DebugEvent.Kind.ALERT, a.job() + "/" + a.subject(),
              a.rule() + " " + a.state() + " at " + a.value()));
    }
    MetricsReporter r = new MetricsReporter(this::snapshot, period, console, toLog, alerts);
    reporters.add(r);
    return r;
  }

  /** Jobs running now. */
  public synchronized int runningJobs() {
    return running.size();
  }

  /** Jobs waiting for a slot. */
  public synchronized int queuedJobs() {
    int n = 0;
    for (JobExecution j : queued) {
      if (!j.status().isTerminal()) {
        n++;
      }
    }
    return n;
  }

  /** Names of this engine's threads still alive; empty after {@link #close()}. */
  public List<String> liveThreads() {
    List<String> alive = new ArrayList<>(service.liveThreads());
    alive.addAll(events.liveThreads());
    return alive;
  }

  /**
   * Cancels every job (a RESTARTING one ends at once, not restarted), waits for them to stop and
   * for every thread to end, the event thread last once it has delivered what was queued (all up
   * to {@link EngineConfig#closeTimeoutMillis()}). Idempotent.
   */
  @Override
  public void close() {
    for (MetricsReporter r : reporters) {
      r.close();
    }
    List<JobExecution> toCancel;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toCancel = new ArrayList<>(running);
      toCancel.addAll(queued);
      queued.clear();
    }
    for (JobExecution j : toCancel) {
      j.cancel();
    }
    long deadline = System.nanoTime() + config.closeTimeoutMillis() * 1_000_000L;
    boolean interrupted = false;
    for (JobExecution j : toCancel) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        j.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (TimeoutException | RuntimeException e) {
        // failed or stuck in user code: the threads are stopped below regardless
      }
    }
    try {
      service.shutdown(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    try {
      events.shutdown(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
