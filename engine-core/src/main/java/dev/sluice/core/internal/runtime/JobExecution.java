package dev.sluice.core.internal.runtime;

import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.JobListener;
import dev.sluice.core.JobStatus;
import dev.sluice.core.StageCounts;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.DebugEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.LatencyRecorder;
import dev.sluice.core.metrics.ReservoirSampler;
import dev.sluice.core.metrics.StageSnapshot;
import dev.sluice.core.metrics.ThroughputMeter;
import dev.sluice.core.metrics.ThroughputPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running form of a job: its tasklets and counters, and its life cycle ({@link
 * JobLifecycle}). A job the engine restarts keeps this object: each attempt gets new tasklets and
 * channels (built again from the plan) and adds its counters to those of the earlier attempts.
 * Thread-safe.
 */
public final class JobExecution implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
  private static final int MAX_EVENT_DESCRIPTION = 200;

  private final long id;
  private final String name;
  private final JobLifecycle lifecycle = new JobLifecycle(this);
  /** The failure of the current attempt. */
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Tasklet> tasklets = new CopyOnWriteArrayList<>();
  private final List<Input> sourceInputs = new CopyOnWriteArrayList<>();
  private final List<Worker> dedicatedWorkers = new CopyOnWriteArrayList<>();
  private final Map<String, List<StageCounter>> counters = new LinkedHashMap<>();
  private final Map<String, List<ChannelWriter>> inputWriters = new LinkedHashMap<>();
  /** The input (ordinal) each of {@link #inputWriters} feeds, in the same order. */
  private final Map<String, List<Integer>> inputWriterOrdinals = new LinkedHashMap<>();
  private final Map<String, List<LongSupplier>> extraDrops = new LinkedHashMap<>();
  private final Map<String, StageMetrics> stageMetrics = new LinkedHashMap<>();
  /** The current attempt's edges. */
  private volatile List<EdgeMetrics> edges = new CopyOnWriteArrayList<>();
  private volatile boolean metricsEnabled = true;
  /** Builds the tasklets of a new attempt into this job (set by the builder). */
  private volatile Runnable rebuild;
  private volatile ExecutionService service;
  /** The job's checkpointing; null when it takes none. Set by the builder. */
  private CheckpointCoordinator checkpoints;
  /** What the attempt being built restores from; null for a fresh start. */
  private volatile RestoreState attemptRestore;

  /** Per-stage metric state shared by the stage's instances. */
  private static final class StageMetrics {
    final LatencyRecorder processing = new LatencyRecorder();
    final LatencyRecorder endToEnd = new LatencyRecorder();
    final ThroughputMeter meter = new ThroughputMeter(120);
  }

  /** One queue edge's channels, for depth and utilisation. */
  record EdgeMetrics(String from, String to, List<Channel> channels, List<ChannelWriter> writers) {}
  private final AtomicInteger remaining = new AtomicInteger();
  /** Tasklets that can send dead letters (not on the dead-letter branch) still running. */
  private final AtomicInteger sendersRemaining = new AtomicInteger();
  private volatile boolean stopping;

  JobExecution(long id, String name) {
    this.id = id;
    this.name = name;
  }

  // ---- building (single-threaded, before start) ----

  void setMetricsEnabled(boolean enabled) {
    this.metricsEnabled = enabled;
  }

  void addEdge(EdgeMetrics edge) {
    edges.add(edge);
  }

  /** Registers a stage, before the first attempt is built (later attempts reuse it). */
  void registerStage(String stage) {
    stageMetrics.computeIfAbsent(stage, s -> metricsEnabled ? new StageMetrics() : null);
    counters.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>());
    inputWriters.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>());
    inputWriterOrdinals.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>());
    extraDrops.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>());
  }

  void setCheckpoints(CheckpointCoordinator checkpoints) {
    this.checkpoints = checkpoints;
  }

  CheckpointCoordinator checkpoints() {
    return checkpoints;
  }

  void setAttemptRestore(RestoreState restore) {
    this.attemptRestore = restore;
  }

  RestoreState attemptRestore() {
    return attemptRestore;
  }

  void setRebuild(Runnable rebuild) {
    this.rebuild = rebuild;
  }

  StageCounter newCounter(String stage) {
    return newCounter(stage, false);
  }

  /** A counter for one instance of {@code stage}; {@code source} enables event sampling. */
  StageCounter newCounter(String stage, boolean source) {
    StageCounter c = new StageCounter(stage);
    if (metricsEnabled) {
      StageMetrics m = stageMetrics.get(stage);
      c.processing = m.processing;
      c.endToEnd = m.endToEnd;
      if (source) {
        c.sample = ReservoirSampler.algorithmL(8, stage.hashCode() * 31L + counters.get(stage).size());
      }
    }
    counters.get(stage).add(c);
    return c;
  }

  void addInputWriter(String consumerStage, ChannelWriter w) {
    addInputWriter(consumerStage, 0, w);
  }

  /** Registers a writer of the edge feeding input {@code ordinal} of {@code consumerStage}. */
  void addInputWriter(String consumerStage, int ordinal, ChannelWriter w) {
    inputWriters.get(consumerStage).add(w);
    inputWriterOrdinals.get(consumerStage).add(ordinal);
  }

  void addExtraDrops(String stage, LongSupplier drops) {
    extraDrops.get(stage).add(drops);
  }

  void addTasklet(Tasklet t, boolean isSource) {
    tasklets.add(t);
    if (isSource) {
      sourceInputs.add(t.input());
    }
  }

  void addDedicated(Worker w) {
    dedicatedWorkers.add(w);
  }

  private final List<java.util.function.Consumer<dev.sluice.core.fault.CircuitTransition>>
      circuitListeners = new CopyOnWriteArrayList<>();

  /** Calls {@code listener} on each circuit transition of the job's breakers. */
  public void onCircuitTransition(
      java.util.function.Consumer<dev.sluice.core.fault.CircuitTransition> listener) {
    circuitListeners.add(listener);
  }

  void circuitTransition(dev.sluice.core.fault.CircuitTransition t) {
    for (var l : circuitListeners) {
      l.accept(t);
    }
  }

  private final List<Runnable> startActions = new ArrayList<>();

  /** Runs {@code action} when the job starts running (building only; e.g. breaker listeners). */
  void onStart(Runnable action) {
    startActions.add(action);
  }

  /**
   * Runs {@code action} once when the job reaches its final status (not on a restart), before
   * its completion completes (building only).
   */
  void onEnd(Runnable action) {
    lifecycle.addHook(
        new JobLifecycleHook() {
          @Override
          public void onDrain() {}

          @Override
          public void onEnd(JobStatus status) {
            action.run();
          }
        });
  }

  /**
   * Sets what runs when the job reaches a terminal state (the engine's admission control): once,
   * on the thread that ended the job, before its completion completes.
   */
  public void onTerminated(Consumer<JobExecution> callback) {
    lifecycle.onTerminated(callback);
  }

  /**
   * Connects the job to its engine, before it is started: the event thread that calls listeners
   * and runs restarts, the debug log, the job's own listeners and its restart strategy.
   */
  public void configure(
      JobEventDispatcher dispatcher,
      DebugEventLog debugLog,
      List<JobListener> listeners,
      RestartStrategy restartStrategy) {
    lifecycle.configure(dispatcher, debugLog, listeners, restartStrategy);
  }

  /**
   * Adds something that must follow the job's life cycle (drain and final end), across restarts.
   */
  public void addHook(JobLifecycleHook hook) {
    lifecycle.addHook(hook);
  }

  /** Writes the job's submission to the debug log (once admitted or queued). */
  public void submitted() {
    lifecycle.submitted();
  }

  /**
   * Starts the tasklets; QUEUED to RUNNING.
   *
   * @return false if the job was cancelled while queued (it is then already terminal, and the
   *     {@link #onTerminated} callback has run or is running)
   */
  public boolean start(ExecutionService service) {
    this.service = service;
    return startAttempt(JobStatus.QUEUED);
  }

  private boolean startAttempt(JobStatus from) {
    remaining.set(tasklets.size());
    int senders = 0;
    for (Tasklet t : tasklets) {
      if (!t.deadLetterBranch) {
        senders++;
      }
    }
    sendersRemaining.set(senders);
    if (!lifecycle.begin(from)) {
      return false;
    }
    for (Runnable a : startActions) {
      a.run();
    }
    if (checkpoints != null) {
      checkpoints.beginAttempt(tasklets);
    }
    if (tasklets.isEmpty()) {
      terminate();
      return true;
    }
    service.start(tasklets);
    return true;
  }

  /** Runs on the event thread after the restart delay: builds a new attempt and starts it. */
  private void restartAttempt() {
    if (!lifecycle.isRestarting()) {
      return; // cancelled or drained meanwhile
    }
    try {
      failure.set(null);
      stopping = false;
      tasklets.clear();
      sourceInputs.clear();
      dedicatedWorkers.clear();
      edges = new CopyOnWriteArrayList<>();
      if (checkpoints != null) {
        // from the newest completed checkpoint; with none, the job starts afresh
        RestoreState r = checkpoints.restoreForRestart();
        if (r != null) {
          attemptRestore = r;
          lifecycle.record(
              DebugEvent.Kind.RESTART, name,
              "restoring from checkpoint " + r.checkpoint().id());
        }
      }
      rebuild.run();
    } catch (RuntimeException | Error e) {
      JobFailedException jfe = new JobFailedException(name, "?", null, e);
      failure.set(jfe);
      lifecycle.restartFailed(jfe);
      return;
    }
    startAttempt(JobStatus.RESTARTING);
  }

  // ---- life cycle ----

  boolean isStopping() {
    return stopping;
  }

  Throwable failureOrNull() {
    return failure.get();
  }

  boolean isCancelRequested() {
    return lifecycle.cancelRequested();
  }

  /**
   * A source reader or sink writer of {@code stage} is restarted after {@code cause}; written to
   * the debug log. Called on the tasklet's thread.
   */
  void stageRestarted(String stage, int instance, int restart, long delayMillis, Throwable cause) {
    lifecycle.record(
        DebugEvent.Kind.RESTART, name + "/" + stage,
        "instance " + instance + ": restart " + restart + " in " + delayMillis + " ms after "
            + cause);
  }

  void fail(Tasklet t, Throwable e) {
    if (lifecycle.cancelRequested()) {
      // a stage interrupted (or whose connection was closed) while being cancelled: not a failure
      LOG.debug("job '{}': {} threw while the job was being cancelled", name, t.name, e);
      stopping = true;
      return;
    }
    Throwable cause = e;
    String stage = t.name;
    String event = null;
    if (e instanceof StageFailure sf) {
      cause = sf.getCause();
      stage = sf.stage;
      event = sf.event == null ? null : describe(sf.event);
    }
    JobFailedException jfe = new JobFailedException(name, stage, event, cause);
    if (failure.compareAndSet(null, jfe)) {
      LOG.debug("job '{}' failed", name, jfe);
    } else {
      failure.get().addSuppressed(cause);
    }
    stopping = true;
    for (Worker w : dedicatedWorkers) {
      w.interrupt();
    }
  }

  void recordCloseFailure(String tasklet, Throwable t) {
    Throwable f = failure.get();
    if (f != null) {
      f.addSuppressed(t);
    } else {
      LOG.warn("job '{}': closing {} failed", name, tasklet, t);
    }
  }

  static String describe(Object event) {
    String s;
    try {
      s = String.valueOf(event);
    } catch (RuntimeException e) {
      s = event.getClass().getName() + " (toString failed: " + e + ")";
    }
    if (s.length() > MAX_EVENT_DESCRIPTION) {
      s = s.substring(0, MAX_EVENT_DESCRIPTION) + "...";
    }
    return "'" + s + "'";
  }

  /** True once every tasklet that can send dead letters has finished. */
  boolean sendersDone() {
    return sendersRemaining.get() == 0;
  }

  void onTaskletFinished(Tasklet t) {
    if (!t.deadLetterBranch) {
      sendersRemaining.decrementAndGet();
    }
    if (remaining.decrementAndGet() == 0) {
      terminate();
    }
  }

  /** Every tasklet of the attempt has stopped: restart or end. */
  private void terminate() {
    if (checkpoints != null) {
      checkpoints.attemptEnded();
    }
    lifecycle.attemptEnded(failure.get(), this::restartAttempt);
  }

  // ---- Job ----

  @Override
  public long id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public JobStatus status() {
    return lifecycle.status();
  }

  @Override
  public CompletableFuture<JobStatus> completion() {
    return lifecycle.completion();
  }

  @Override
  public int restarts() {
    return lifecycle.restarts();
  }

  @Override
  public JobStatus join(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return lifecycle.completion().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof JobFailedException jfe) {
        throw jfe;
      }
      throw new JobFailedException(name, "?", null, e.getCause());
    }
  }

  @Override
  public void cancel() {
    if (lifecycle.cancel()) {
      stopping = true;
      for (Worker w : dedicatedWorkers) {
        w.interrupt();
      }
    }
  }

  @Override
  public void drain() {
    if (lifecycle.drain() == JobLifecycle.DrainAction.DRAIN) {
      lifecycle.drainHooks();
      for (Input in : sourceInputs) {
        in.requestEnd();
      }
    }
  }

  @Override
  public CompletableFuture<dev.sluice.core.checkpoint.CompletedCheckpoint> triggerSavepoint() {
    return triggerExplicit(dev.sluice.core.checkpoint.CheckpointKind.SAVEPOINT);
  }

  @Override
  public CompletableFuture<dev.sluice.core.checkpoint.CompletedCheckpoint> triggerCheckpoint() {
    return triggerExplicit(dev.sluice.core.checkpoint.CheckpointKind.CHECKPOINT);
  }

  private CompletableFuture<dev.sluice.core.checkpoint.CompletedCheckpoint> triggerExplicit(
      dev.sluice.core.checkpoint.CheckpointKind kind) {
    if (checkpoints == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "job '" + name + "' has no checkpointing; submit it with"
                  + " JobOptions.withCheckpointing"));
    }
    return checkpoints.trigger(kind, true);
  }

  @Override
  public Optional<dev.sluice.core.checkpoint.CompletedCheckpoint> lastCompletedCheckpoint() {
    return checkpoints == null ? Optional.empty() : checkpoints.lastCompleted();
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  @Override
  public List<StageCounts> counts() {
    List<StageCounts> out = new ArrayList<>(counters.size());
    for (Map.Entry<String, List<StageCounter>> e : counters.entrySet()) {
      String stage = e.getKey();
      long in = 0;
      long o = 0;
      long filtered = 0;
      long expanded = 0;
      long dropped = 0;
      long deadLettered = 0;
      long errors = 0;
      long lateAnswers = 0;
      long sideOutput = 0;
      long sideOutputDropped = 0;
      long[] inByInput = null;
      for (StageCounter c : e.getValue()) {
        lateAnswers += c.lateAnswers;
        deadLettered += c.deadLettered;
        errors += c.errors;
        sideOutput += c.sideOutput;
        sideOutputDropped += c.sideOutputDropped;
        if (c.inByInput != null) {
          if (inByInput == null) {
            inByInput = new long[c.inByInput.length];
          }
          for (int k = 0; k < inByInput.length; k++) {
            inByInput[k] += c.inByInput[k];
          }
        }
        in += c.in;
        o += c.out();
        filtered += c.filtered;
        expanded += c.expanded;
        dropped += c.dropped;
      }
      long edgeDrops = 0;
      List<ChannelWriter> writers = inputWriters.get(stage);
      long[] dropsByInput = inByInput == null ? null : new long[inByInput.length];
      for (int k = 0; k < writers.size(); k++) {
        long d = writers.get(k).dropped;
        edgeDrops += d;
        if (dropsByInput != null) {
          dropsByInput[inputWriterOrdinals.get(stage).get(k)] += d;
        }
      }
      for (LongSupplier s : extraDrops.get(stage)) {
        edgeDrops += s.getAsLong();
      }
      List<dev.sluice.core.InputCounts> inputs = new ArrayList<>();
      if (inByInput != null) {
        for (int k = 0; k < inByInput.length; k++) {
          inputs.add(
              new dev.sluice.core.InputCounts(k, inByInput[k] + dropsByInput[k], dropsByInput[k]));
        }
      }
      out.add(
          new StageCounts(
              stage, in + edgeDrops, o, filtered, dropped + edgeDrops, expanded, deadLettered,
              errors, lateAnswers, sideOutput, sideOutputDropped, inputs));
    }
    return out;
  }

  /**
   * The job's metrics now. Latencies are those recorded since the previous snapshot, and the
   * throughput is over the time since then: take snapshots from one place, periodically.
   */
  public synchronized JobSnapshot snapshot(long nowMillis) {
    List<StageCounts> all = counts();
    List<StageSnapshot> stages = new ArrayList<>(all.size());
    for (StageCounts sc : all) {
      String stage = sc.stage();
      long restarts = 0;
      long bytes = 0;
      long watermark = Long.MAX_VALUE;
      boolean anyWatermark = false;
      List<String> sampled = new ArrayList<>();
      long sourceLag = -1;
      for (StageCounter c : counters.get(stage)) {
        dev.sluice.core.metrics.SourceLag lagOf = c.lag;
        long l = lagOf == null ? -1 : lagOf.lag();
        if (l >= 0) {
          sourceLag = Math.max(0, sourceLag) + l;
        }
        restarts += c.restarts;
        bytes += c.bytes;
        long w = c.watermark;
        if (w != Long.MIN_VALUE) {
          anyWatermark = true;
        }
        watermark = Math.min(watermark, w);
        if (c.sample != null) {
          for (Object o : c.sample.sample()) {
            String text = describe(o);
            sampled.add(text.substring(1, text.length() - 1));
          }
        }
      }
      if (!anyWatermark) {
        watermark = Long.MIN_VALUE;
      }
      long lag =
          watermark == Long.MIN_VALUE || watermark == dev.sluice.core.Timestamps.MAX_WATERMARK
              ? -1
              : Math.max(0, nowMillis - watermark);
      StageMetrics m = stageMetrics.computeIfAbsent(stage, x -> new StageMetrics());
      ThroughputPoint rate = m.meter.sample(nowMillis, sc.out(), bytes);
      stages.add(
          new StageSnapshot(
              stage, sc.in(), sc.out(), sc.filtered(), sc.dropped(), sc.deadLettered(),
              sc.errors(), restarts, sc.lateAnswers(), rate.eventsPerSecond(),
              rate.bytesPerSecond(), watermark, lag,
              m.processing.intervalSnapshot(), m.endToEnd.intervalSnapshot(), m.meter.history(),
              sampled, sc.sideOutput(), sc.sideOutputDropped(), sc.inputs(), sourceLag));
    }
    List<EdgeMetrics> currentEdges = edges;
    List<EdgeSnapshot> edgeSnapshots = new ArrayList<>(currentEdges.size());
    for (EdgeMetrics e : currentEdges) {
      long queued = 0;
      long capacity = 0;
      long dropped = 0;
      for (ChannelWriter w : e.writers()) {
        queued += w.bufferedItems();
        capacity += w.capacityItems();
        dropped += w.dropped;
      }
      edgeSnapshots.add(
          new EdgeSnapshot(
              e.from(), e.to(), queued, capacity,
              capacity == 0 ? 0 : Math.min(1.0, (double) queued / capacity), dropped));
    }
    return new JobSnapshot(
        id, name, lifecycle.status().name(), lifecycle.restarts(), stages, edgeSnapshots);
  }

  @Override
  public String toString() {
    return "Job[" + id + ", " + name + ", " + lifecycle.status() + "]";
  }
}
