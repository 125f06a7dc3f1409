package dev.sluice.core.internal.runtime;

import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.JobStatus;
import dev.sluice.core.StageCounts;
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

/** The running form of a job: its tasklets, counters and life cycle. Thread-safe. */
public final class JobExecution implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
  private static final int MAX_EVENT_DESCRIPTION = 200;

  private final long id;
  private final String name;
  private final AtomicReference<JobStatus> status = new AtomicReference<>(JobStatus.QUEUED);
  private final CompletableFuture<JobStatus> completion = new CompletableFuture<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Tasklet> tasklets = new ArrayList<>();
  private final List<Input> sourceInputs = new ArrayList<>();
  private final List<Worker> dedicatedWorkers = new CopyOnWriteArrayList<>();
  private final Map<String, List<StageCounter>> counters = new LinkedHashMap<>();
  private final Map<String, List<ChannelWriter>> inputWriters = new LinkedHashMap<>();
  /** The input (ordinal) each of {@link #inputWriters} feeds, in the same order. */
  private final Map<String, List<Integer>> inputWriterOrdinals = new LinkedHashMap<>();
  private final Map<String, List<LongSupplier>> extraDrops = new LinkedHashMap<>();
  private final Map<String, StageMetrics> stageMetrics = new LinkedHashMap<>();
  private final List<EdgeMetrics> edges = new ArrayList<>();
  private volatile boolean metricsEnabled = true;

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
  private volatile boolean cancelRequested;
  private volatile Consumer<JobExecution> onTerminated = j -> {};

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

  void registerStage(String stage) {
    stageMetrics.computeIfAbsent(stage, s -> metricsEnabled ? new StageMetrics() : null);
    counters.computeIfAbsent(stage, s -> new ArrayList<>());
    inputWriters.computeIfAbsent(stage, s -> new ArrayList<>());
    inputWriterOrdinals.computeIfAbsent(stage, s -> new ArrayList<>());
    extraDrops.computeIfAbsent(stage, s -> new ArrayList<>());
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

  /** Sets what runs when the job reaches a terminal state (the engine's admission control). */
  public void onTerminated(Consumer<JobExecution> callback) {
    this.onTerminated = callback;
  }

  /**
   * Starts the tasklets; QUEUED to RUNNING.
   *
   * @return false if the job was cancelled while queued (it is then already terminal)
   */
  public boolean start(ExecutionService service) {
    remaining.set(tasklets.size());
    sendersRemaining.set((int) tasklets.stream().filter(t -> !t.deadLetterBranch).count());
    if (!status.compareAndSet(JobStatus.QUEUED, JobStatus.RUNNING)) {
      return false;
    }
    if (tasklets.isEmpty()) {
      terminate();
      return true;
    }
    service.start(tasklets);
    return true;
  }

  // ---- life cycle ----

  boolean isStopping() {
    return stopping;
  }

  Throwable failureOrNull() {
    return failure.get();
  }

  void fail(Tasklet t, Throwable e) {
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

  private void terminate() {
    JobStatus end;
    Throwable f = failure.get();
    if (f != null) {
      end = JobStatus.FAILED;
    } else if (cancelRequested) {
      end = JobStatus.CANCELLED;
    } else {
      end = JobStatus.COMPLETED;
    }
    JobStatus prev = status.getAndSet(end);
    if (prev.isTerminal()) {
      status.set(prev);
      return;
    }
    try {
      onTerminated.accept(this);
    } finally {
      if (end == JobStatus.FAILED) {
        completion.completeExceptionally(f);
      } else {
        completion.complete(end);
      }
    }
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
    return status.get();
  }

  @Override
  public CompletableFuture<JobStatus> completion() {
    return completion;
  }

  @Override
  public JobStatus join(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return completion.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof JobFailedException jfe) {
        throw jfe;
      }
      throw new JobFailedException(name, "?", null, e.getCause());
    }
  }

  @Override
  public void cancel() {
    for (; ; ) {
      JobStatus s = status.get();
      if (s.isTerminal() || s == JobStatus.CANCELLING) {
        return;
      }
      cancelRequested = true;
      stopping = true;
      if (s == JobStatus.QUEUED) {
        if (status.compareAndSet(JobStatus.QUEUED, JobStatus.CANCELLED)) {
          completion.complete(JobStatus.CANCELLED);
          return;
        }
        continue;
      }
      if (status.compareAndSet(s, JobStatus.CANCELLING)) {
        for (Worker w : dedicatedWorkers) {
          w.interrupt();
        }
        return;
      }
    }
  }

  @Override
  public void drain() {
    if (status.compareAndSet(JobStatus.RUNNING, JobStatus.DRAINING)
        || status.get() == JobStatus.QUEUED) {
      for (Input in : sourceInputs) {
        in.requestEnd();
      }
    }
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
      long sideOutput = 0;
      long sideOutputDropped = 0;
      long[] inByInput = null;
      for (StageCounter c : e.getValue()) {
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
        o += c.out;
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
              errors, sideOutput, sideOutputDropped, inputs));
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
      for (StageCounter c : counters.get(stage)) {
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
              sc.errors(), restarts, rate.eventsPerSecond(), rate.bytesPerSecond(), watermark, lag,
              m.processing.intervalSnapshot(), m.endToEnd.intervalSnapshot(), m.meter.history(),
              sampled, sc.sideOutput(), sc.sideOutputDropped(), sc.inputs()));
    }
    List<EdgeSnapshot> edgeSnapshots = new ArrayList<>(edges.size());
    for (EdgeMetrics e : edges) {
      long queued = 0;
      long capacity = 0;
      long dropped = 0;
      for (Channel ch : e.channels()) {
        queued += (long) ch.queuedBatches() * ch.batchSize;
        capacity += (long) ch.slots * ch.batchSize;
      }
      for (ChannelWriter w : e.writers()) {
        dropped += w.dropped;
      }
      queued = Math.min(queued, capacity);
      edgeSnapshots.add(
          new EdgeSnapshot(
              e.from(), e.to(), queued, capacity, capacity == 0 ? 0 : (double) queued / capacity,
              dropped));
    }
    return new JobSnapshot(id, name, status.get().name(), stages, edgeSnapshots);
  }

  @Override
  public String toString() {
    return "Job[" + id + ", " + name + ", " + status.get() + "]";
  }
}
