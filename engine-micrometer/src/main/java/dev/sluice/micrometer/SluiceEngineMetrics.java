package dev.sluice.micrometer;

import dev.sluice.core.Engine;
import dev.sluice.core.JobListener;
import dev.sluice.core.JobStatus;
import dev.sluice.core.JobStatusChange;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.LatencySnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds the metrics of one {@link Engine} to Micrometer registries: per-stage counters (in, out,
 * filtered, dropped, dead-lettered, errors, restarts, late answers, side output) as {@link
 * FunctionCounter}s, per-edge queue fill and drops, per-job status, restarts and queued (in-flight)
 * events, engine-wide running and queued jobs, circuit-breaker states, stage rates, watermark lag,
 * and processing and end-to-end latency percentiles as {@link TimeGauge}s. The names and tags are
 * listed in docs/micrometer.md; every meter name starts with {@code sluice.}.
 *
 * <pre>{@code
 * SluiceEngineMetrics metrics = new SluiceEngineMetrics(engine);
 * metrics.bindTo(registry);   // any MeterRegistry; may be called for several
 * ...
 * metrics.close();            // removes its meters and its job listener
 * }</pre>
 *
 * <p><b>Snapshots:</b> every meter reads one cached {@link Engine#snapshot()}, taken again only
 * when the cached one is older than the minimum snapshot interval (default {@link
 * #DEFAULT_MIN_SNAPSHOT_INTERVAL}); a scrape of all meters therefore costs one engine snapshot, and
 * reading a meter allocates nothing. Latency percentiles and rates are those of the snapshot, that
 * is of the interval since the engine's previous snapshot: if other readers (a {@code
 * MetricsReporter}, the monitor) also take snapshots, the intervals are shared between them.
 *
 * <p><b>Jobs that appear later:</b> the binder registers an engine-wide {@link JobListener}; on
 * every job status change it takes a fresh snapshot and registers the meters of jobs it has not
 * seen: a job's meters appear shortly after its submission (when the event thread has delivered
 * its first change; always before {@link dev.sluice.core.Job#join} returns), without waiting for
 * a scrape. A refresh caused
 * by a scrape does the same for jobs that appeared meanwhile. A job's meters are removed from the
 * registries once the engine no longer lists it in its snapshot (the engine keeps the 16 most
 * recently ended jobs), at the first refresh after that.
 *
 * <p><b>Circuit breakers</b> are read from the engine's debug log ({@link
 * DebugEvent.Kind#CIRCUIT_TRANSITION}): a breaker gets its gauges at its first transition (before
 * that it is closed and not shown), and keeps its last state if the bounded log has overwritten it.
 *
 * <p><b>Threading:</b> thread-safe. Meter reads, refreshes and (un)registration synchronize on this
 * binder; the job listener runs on the engine's event thread and returns after one snapshot.
 * <b>Failure:</b> a meter read after {@link #close()} returns NaN.
 */
public final class SluiceEngineMetrics implements MeterBinder, AutoCloseable {
  /** The default minimum age of the cached snapshot before a meter read takes a new one. */
  public static final Duration DEFAULT_MIN_SNAPSHOT_INTERVAL = Duration.ofSeconds(1);

  /** The circuit-breaker states that get a gauge each. */
  static final List<String> CIRCUIT_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");

  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
  private static final String EVENTS = "events";

  private final Engine engine;
  private final Tags commonTags;
  private final long minSnapshotIntervalNanos;
  private final JobListener listener = this::onStatusChange;

  // All guarded by this.
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final Map<MeterRegistry, List<Meter>> engineMeters = new LinkedHashMap<>();
  private final Map<Long, JobCell> jobs = new LinkedHashMap<>();
  private final Map<String, BreakerCell> breakers = new LinkedHashMap<>();
  private long snapshotAtNanos;
  private long snapshotsTaken;
  private long generation;
  private boolean closed;

  /** A binder for {@code engine} with no extra tags and the default snapshot interval. */
  public SluiceEngineMetrics(Engine engine) {
    this(engine, Tags.empty(), DEFAULT_MIN_SNAPSHOT_INTERVAL);
  }

  /**
   * A binder for {@code engine} adding {@code tags} to every meter (for example the engine's name
   * when a service runs several) and taking an engine snapshot at most once per {@code
   * minSnapshotInterval} (zero: at every meter read, for tests).
   *
   * @throws IllegalArgumentException if {@code minSnapshotInterval} is negative
   */
  public SluiceEngineMetrics(Engine engine, Iterable<Tag> tags, Duration minSnapshotInterval) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.commonTags = Tags.of(Objects.requireNonNull(tags, "tags"));
    if (minSnapshotInterval.isNegative()) {
      throw new IllegalArgumentException(
          "minSnapshotInterval must be >= 0, was " + minSnapshotInterval);
    }
    this.minSnapshotIntervalNanos = minSnapshotInterval.toNanos();
  }

  /**
   * Registers the engine's meters, and those of every job the engine lists now and later, in
   * {@code registry}. Binding the same registry twice does nothing.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (closed) {
      throw new IllegalStateException("SluiceEngineMetrics is closed");
    }
    if (registries.contains(registry)) {
      return;
    }
    if (registries.isEmpty()) {
      engine.addJobListener(listener);
    }
    registries.add(registry);
    engineMeters.put(registry, registerEngine(registry));
    for (JobCell job : jobs.values()) {
      job.meters.put(registry, registerJob(job, registry));
    }
    for (BreakerCell b : breakers.values()) {
      b.meters.put(registry, registerBreaker(b, registry));
    }
    refresh();
  }

  /**
   * How many engine snapshots this binder has taken (one per refresh); with a non-zero interval
   * a scrape of every meter adds at most one.
   */
  public synchronized long snapshotsTaken() {
    return snapshotsTaken;
  }

  /**
   * Removes every meter this binder registered from every registry and its job listener from the
   * engine. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.removeJobListener(listener);
    engineMeters.forEach(SluiceEngineMetrics::removeAll);
    engineMeters.clear();
    for (JobCell job : jobs.values()) {
      job.meters.forEach(SluiceEngineMetrics::removeAll);
    }
    jobs.clear();
    for (BreakerCell b : breakers.values()) {
      b.meters.forEach(SluiceEngineMetrics::removeAll);
    }
    breakers.clear();
    registries.clear();
  }

  private void onStatusChange(JobStatusChange change) {
    synchronized (this) {
      if (!closed) {
        refresh();
      }
    }
  }

  /** Takes an engine snapshot, updates every cell, registers new jobs and removes forgotten ones. */
  private void refresh() {
    EngineSnapshot snapshot = engine.snapshot();
    snapshotsTaken++;
    snapshotAtNanos = System.nanoTime();
    long gen = ++generation;
    for (JobSnapshot j : snapshot.jobs()) {
      JobCell cell = jobs.get(j.id());
      if (cell == null) {
        cell = new JobCell(j);
        jobs.put(j.id(), cell);
        for (MeterRegistry r : registries) {
          cell.meters.put(r, registerJob(cell, r));
        }
      }
      cell.update(j, gen);
    }
    for (Iterator<JobCell> it = jobs.values().iterator(); it.hasNext(); ) {
      JobCell cell = it.next();
      if (cell.generation != gen) {
        cell.meters.forEach(SluiceEngineMetrics::removeAll);
        it.remove();
      }
    }
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION) {
        int arrow = e.message().lastIndexOf("-> ");
        String to = arrow < 0 ? e.message().trim() : e.message().substring(arrow + 3).trim();
        BreakerCell b = breakers.get(e.subject());
        if (b == null) {
          b = new BreakerCell(e.subject());
          breakers.put(e.subject(), b);
          for (MeterRegistry r : registries) {
            b.meters.put(r, registerBreaker(b, r));
          }
        }
        b.state = to;
      }
    }
  }

  private void refreshIfStale() {
    if (System.nanoTime() - snapshotAtNanos >= minSnapshotIntervalNanos) {
      refresh();
    }
  }

  private synchronized double readStage(StageCell cell, ToDoubleFunction<StageSnapshot> f) {
    if (closed) {
      return Double.NaN;
    }
    refreshIfStale();
    return f.applyAsDouble(cell.latest);
  }

  private synchronized double readEdge(EdgeCell cell, ToDoubleFunction<EdgeSnapshot> f) {
    if (closed) {
      return Double.NaN;
    }
    refreshIfStale();
    return f.applyAsDouble(cell.latest);
  }

  private synchronized double readJob(JobCell cell, ToDoubleFunction<JobCell> f) {
    if (closed) {
      return Double.NaN;
    }
    refreshIfStale();
    return f.applyAsDouble(cell);
  }

  private synchronized double readBreaker(BreakerCell cell, String state) {
    if (closed) {
      return Double.NaN;
    }
    refreshIfStale();
    return state.equals(cell.state) ? 1 : 0;
  }

  private List<Meter> registerEngine(MeterRegistry r) {
    List<Meter> m = new ArrayList<>();
    m.add(Gauge.builder("sluice.engine.jobs.running", engine, Engine::runningJobs)
        .description("Jobs running now").tags(commonTags).baseUnit("jobs").register(r));
    m.add(Gauge.builder("sluice.engine.jobs.queued", engine, Engine::queuedJobs)
        .description("Jobs waiting for a slot").tags(commonTags).baseUnit("jobs").register(r));
    m.add(FunctionCounter.builder(
            "sluice.engine.listener.failures", engine, Engine::listenerFailures)
        .description("Job listener calls that threw").tags(commonTags).register(r));
    return m;
  }

  private List<Meter> registerJob(JobCell job, MeterRegistry r) {
    List<Meter> m = new ArrayList<>();
    Tags jobTags = commonTags.and("job.name", job.name, "job.id", Long.toString(job.id));
    for (JobStatus status : JobStatus.values()) {
      String s = status.name();
      ToDoubleFunction<JobCell> isCurrent = x -> s.equals(x.latest.status()) ? 1 : 0;
      m.add(Gauge.builder("sluice.job.status", job, c -> readJob(c, isCurrent))
          .description("1 for the job's current status, 0 for the others")
          .tags(jobTags).tag("status", s).register(r));
    }
    m.add(FunctionCounter.builder(
            "sluice.job.restarts", job, c -> readJob(c, x -> x.latest.restarts()))
        .description("Times the engine restarted the job").tags(jobTags).register(r));
    m.add(Gauge.builder("sluice.job.queued", job, c -> readJob(c, x -> x.queuedEvents))
        .description("Events in flight between the job's stages (sum of its edge queues)")
        .tags(jobTags).baseUnit(EVENTS).register(r));
    for (StageCell stage : job.stages) {
      registerStage(stage, jobTags.and("stage", stage.latest.name()), r, m);
    }
    for (EdgeCell edge : job.edges) {
      EdgeSnapshot e = edge.latest;
      Tags t = jobTags.and("edge", e.from() + "->" + e.to(), "from", e.from(), "to", e.to());
      m.add(Gauge.builder("sluice.edge.queued", edge, c -> readEdge(c, EdgeSnapshot::queuedEvents))
          .description("Events waiting in the edge's queues").tags(t).baseUnit(EVENTS)
          .register(r));
      m.add(Gauge.builder(
              "sluice.edge.capacity", edge, c -> readEdge(c, EdgeSnapshot::capacityEvents))
          .description("Capacity of the edge's queues").tags(t).baseUnit(EVENTS).register(r));
      m.add(Gauge.builder(
              "sluice.edge.utilisation", edge, c -> readEdge(c, EdgeSnapshot::utilisation))
          .description("Queued divided by capacity, 0 to 1").tags(t).register(r));
      m.add(FunctionCounter.builder(
              "sluice.edge.dropped", edge, c -> readEdge(c, EdgeSnapshot::dropped))
          .description("Events the edge's backpressure strategy dropped").tags(t)
          .baseUnit(EVENTS).register(r));
    }
    return m;
  }

  private void registerStage(StageCell stage, Tags t, MeterRegistry r, List<Meter> m) {
    counter(m, r, stage, t, "sluice.stage.in", "Events the stage received", StageSnapshot::in);
    counter(m, r, stage, t, "sluice.stage.out", "Events the stage emitted", StageSnapshot::out);
    counter(m, r, stage, t, "sluice.stage.filtered", "Events the stage filtered out",
        StageSnapshot::filtered);
    counter(m, r, stage, t, "sluice.stage.dropped", "Events dropped (error policy SKIP, breaker)",
        StageSnapshot::dropped);
    counter(m, r, stage, t, "sluice.stage.dead.lettered", "Events sent to dead letters",
        StageSnapshot::deadLettered);
    counter(m, r, stage, t, "sluice.stage.errors", "Events whose processing threw",
        StageSnapshot::errors);
    counter(m, r, stage, t, "sluice.stage.side.output", "Events emitted to side outputs",
        StageSnapshot::sideOutput);
    counter(m, r, stage, t, "sluice.stage.side.output.dropped",
        "Side-output events dropped (port full or unconnected)", StageSnapshot::sideOutputDropped);
    counter(m, r, stage, t, "sluice.stage.late.answers",
        "Async answers that arrived after their timeout", StageSnapshot::lateAnswers);
    m.add(FunctionCounter.builder(
            "sluice.stage.restarts", stage, c -> readStage(c, StageSnapshot::restarts))
        .description("Restarts of the stage's sources or sinks").tags(t).register(r));
    m.add(Gauge.builder(
            "sluice.stage.throughput", stage, c -> readStage(c, StageSnapshot::eventsPerSecond))
        .description("Events emitted per second over the last snapshot interval").tags(t)
        .baseUnit("events.per.second").register(r));
    m.add(Gauge.builder(
            "sluice.stage.byte.throughput", stage,
            c -> readStage(c, StageSnapshot::bytesPerSecond))
        .description("Bytes per second over the last snapshot interval (sources that count them)")
        .tags(t).baseUnit(BaseUnits.BYTES + ".per.second").register(r));
    m.add(TimeGauge.builder(
            "sluice.stage.event.time.lag", stage, TimeUnit.MILLISECONDS,
            c -> readStage(c, s -> s.eventTimeLagMillis() < 0 ? Double.NaN : s.eventTimeLagMillis()))
        .description("Wall-clock now minus the stage's watermark; NaN without a watermark")
        .tags(t).register(r));
    latency(m, r, stage, t, "sluice.stage.processing.latency",
        "Time spent in the stage per event", StageSnapshot::processingLatency);
    latency(m, r, stage, t, "sluice.stage.end.to.end.latency",
        "Time from the event's ingestion to this stage", StageSnapshot::endToEndLatency);
  }

  private void counter(
      List<Meter> m, MeterRegistry r, StageCell stage, Tags t, String name, String description,
      ToDoubleFunction<StageSnapshot> f) {
    m.add(FunctionCounter.builder(name, stage, c -> readStage(c, f))
        .description(description).tags(t).baseUnit(EVENTS).register(r));
  }

  private void latency(
      List<Meter> m, MeterRegistry r, StageCell stage, Tags t, String name, String description,
      java.util.function.Function<StageSnapshot, LatencySnapshot> of) {
    for (double q : QUANTILES) {
      ToDoubleFunction<StageSnapshot> percentile = s -> valueAt(of.apply(s), q);
      m.add(TimeGauge.builder(name, stage, TimeUnit.NANOSECONDS, c -> readStage(c, percentile))
          .description(description + ": percentile of the last snapshot interval (0 if empty)")
          .tags(t).tag("quantile", Double.toString(q)).register(r));
    }
    ToDoubleFunction<StageSnapshot> max = s -> of.apply(s).maxNanos();
    m.add(TimeGauge.builder(name + ".max", stage, TimeUnit.NANOSECONDS, c -> readStage(c, max))
        .description(description + ": maximum of the last snapshot interval (0 if empty)")
        .tags(t).register(r));
  }

  private static double valueAt(LatencySnapshot l, double q) {
    if (q == 0.5) {
      return l.p50Nanos();
    } else if (q == 0.9) {
      return l.p90Nanos();
    } else if (q == 0.99) {
      return l.p99Nanos();
    }
    return l.p999Nanos();
  }

  private List<Meter> registerBreaker(BreakerCell b, MeterRegistry r) {
    List<Meter> m = new ArrayList<>();
    for (String state : CIRCUIT_STATES) {
      m.add(Gauge.builder("sluice.circuit.state", b, c -> readBreaker(c, state))
          .description("1 for the circuit breaker's current state, 0 for the others")
          .tags(commonTags).tag("breaker", b.name).tag("state", state).register(r));
    }
    return m;
  }

  private static void removeAll(MeterRegistry registry, List<Meter> meters) {
    for (Meter m : meters) {
      registry.remove(m);
    }
  }

  /** The latest snapshot of one job and the cells of its stages and edges. */
  private static final class JobCell {
    final long id;
    final String name;
    final List<StageCell> stages = new ArrayList<>();
    final List<EdgeCell> edges = new ArrayList<>();
    final Map<MeterRegistry, List<Meter>> meters = new LinkedHashMap<>();
    JobSnapshot latest;
    long queuedEvents;
    long generation;

    JobCell(JobSnapshot j) {
      this.id = j.id();
      this.name = j.name();
      for (StageSnapshot s : j.stages()) {
        stages.add(new StageCell(s));
      }
      for (EdgeSnapshot e : j.edges()) {
        edges.add(new EdgeCell(e));
      }
      this.latest = j;
    }

    /** Takes the values of {@code j}; a job's stages and edges keep their order and number. */
    void update(JobSnapshot j, long gen) {
      latest = j;
      generation = gen;
      List<StageSnapshot> s = j.stages();
      for (int i = 0; i < s.size() && i < stages.size(); i++) {
        stages.get(i).latest = s.get(i);
      }
      List<EdgeSnapshot> e = j.edges();
      long queued = 0;
      for (int i = 0; i < e.size(); i++) {
        queued += e.get(i).queuedEvents();
        if (i < edges.size()) {
          edges.get(i).latest = e.get(i);
        }
      }
      queuedEvents = queued;
    }
  }

  /** The latest snapshot of one stage. */
  private static final class StageCell {
    StageSnapshot latest;

    StageCell(StageSnapshot s) {
      this.latest = s;
    }
  }

  /** The latest snapshot of one edge. */
  private static final class EdgeCell {
    EdgeSnapshot latest;

    EdgeCell(EdgeSnapshot e) {
      this.latest = e;
    }
  }

  /** The last known state of one circuit breaker. */
  private static final class BreakerCell {
    final String name;
    final Map<MeterRegistry, List<Meter>> meters = new LinkedHashMap<>();
    String state = "CLOSED";

    BreakerCell(String name) {
      this.name = name;
    }
  }
}
