package dev.sluice.core.internal.runtime;

import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.CheckpointKind;
import dev.sluice.core.checkpoint.CheckpointStore;
import dev.sluice.core.checkpoint.CompletedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checkpoints of one job across its attempts: triggers them (periodically, on request,
 * and the final one of a bounded job's exactly-once sinks), collects every tasklet's parts,
 * hands a complete checkpoint to the store on its own thread while processing goes on, and
 * publishes the outcome for the tasklets to act on.
 *
 * <p>Protocol: {@link #triggered} is raised to the new id; each source tasklet sees it between
 * two reads, snapshots its reader and injects a barrier; every other tasklet acknowledges when the
 * aligned barrier has passed its chain ({@link #acknowledge}). A tasklet that has finished left
 * its final parts ({@link #taskletFinished}), which stand for its acknowledgement. When every
 * tasklet of the attempt has acknowledged, the checkpoint is stored; once the store returned,
 * {@link #completed} is raised and the tasklets deliver {@code checkpointComplete} on their own
 * threads. A checkpoint that times out, whose store fails, or whose attempt ends before it was
 * stored is aborted ({@link #aborted} raised) and never used.
 *
 * <p>At most one checkpoint is in progress; requests that find one are queued (savepoints and
 * explicit requests) or skipped (periodic triggers). Ids increase across attempts and, by
 * starting above the ids the store already holds for the job, across submissions.
 *
 * <p><b>Threading:</b> thread-safe (one lock); the volatile ids are read by tasklets without it.
 */
final class CheckpointCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

  private final String jobName;
  private final CheckpointConfig config;
  private final CheckpointStore store;
  /** The coordinator's thread: triggers, timeouts and store calls; created on the first attempt. */
  private ScheduledExecutorService executor;
  /** The newest triggered id; tasklets compare it with the last id they handled. */
  volatile long triggered;
  /** The newest completed id. */
  volatile long completed;
  /** The newest aborted id. */
  volatile long aborted;

  private long nextId;
  private Pending pending;
  private final ArrayDeque<Request> queued = new ArrayDeque<>();
  private List<Tasklet> tasklets = List.of();
  private final Map<Tasklet, Map<String, byte[]>> finals = new HashMap<>();
  /** The checkpoint a restart restores from: the newest completed, or the one restored. */
  private long restoreId = -1;
  private CompletedCheckpoint lastCompleted;
  private ScheduledFuture<?> periodic;
  private boolean closed;

  private record Request(CheckpointKind kind, CompletableFuture<CompletedCheckpoint> future) {}

  private static final class Pending {
    final long id;
    final CheckpointKind kind;
    final long triggeredAtMillis;
    final CompletableFuture<CompletedCheckpoint> future;
    final Map<String, byte[]> parts = new HashMap<>();
    final Set<Tasklet> acked = new HashSet<>();
    ScheduledFuture<?> timeout;
    boolean storing;

    Pending(long id, CheckpointKind kind, CompletableFuture<CompletedCheckpoint> future) {
      this.id = id;
      this.kind = kind;
      this.future = future;
      this.triggeredAtMillis = System.currentTimeMillis();
    }
  }

  /**
   * @param restoredFrom the checkpoint the job was submitted from, or null
   */
  CheckpointCoordinator(String jobName, CheckpointConfig config, CompletedCheckpoint restoredFrom) {
    this.jobName = jobName;
    this.config = config;
    this.store = config.store();
    long max = 0;
    try {
      for (long id : store.list(jobName)) {
        max = Math.max(max, id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "job '" + jobName + "': cannot list the checkpoints in " + store + ": " + e.getMessage(),
          e);
    }
    if (restoredFrom != null) {
      max = Math.max(max, restoredFrom.id());
      restoreId = restoredFrom.id();
      lastCompleted = restoredFrom;
    }
    this.nextId = max + 1;
    this.triggered = max;
    this.completed = max;
    this.aborted = max;
  }

  CheckpointConfig config() {
    return config;
  }

  // ---- attempts

  /** A new attempt starts with {@code ts}; starts the periodic trigger on the first. */
  synchronized void beginAttempt(List<Tasklet> ts) {
    if (closed) {
      return;
    }
    if (pending != null && !pending.storing) {
      abort(pending, "the job restarted");
    }
    tasklets = List.copyOf(ts);
    finals.clear();
    if (executor == null) {
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sluice-checkpoints-" + jobName);
                t.setDaemon(true);
                return t;
              });
    }
    long interval = config.interval().toMillis();
    if (periodic == null && interval > 0) {
      periodic =
          executor.scheduleAtFixedRate(
              () -> trigger(CheckpointKind.CHECKPOINT, false), interval, interval,
              TimeUnit.MILLISECONDS);
    }
    runQueued();
  }

  /** Every tasklet of the attempt has stopped: a checkpoint not yet complete is aborted. */
  synchronized void attemptEnded() {
    tasklets = List.of();
    if (pending != null && !pending.storing) {
      abort(pending, "the job's attempt ended before every stage had taken its part");
    }
  }

  /** The job reached its final status: no more checkpoints. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
      if (pending != null && !pending.storing) {
        abort(pending, "the job ended");
      }
      for (Request r : queued) {
        r.future.completeExceptionally(
            new IllegalStateException("job '" + jobName + "' ended before the checkpoint"));
      }
      queued.clear();
    }
    ScheduledExecutorService e;
    synchronized (this) {
      e = executor;
    }
    if (e != null) {
      e.shutdown(); // a checkpoint being stored still completes
    }
  }

  // ---- triggering

  /**
   * Triggers a checkpoint of {@code kind}. A periodic trigger ({@code explicit} false) is skipped
   * while another is in progress; an explicit one waits for it.
   */
  synchronized CompletableFuture<CompletedCheckpoint> trigger(
      CheckpointKind kind, boolean explicit) {
    CompletableFuture<CompletedCheckpoint> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(
          new IllegalStateException("job '" + jobName + "' takes no more checkpoints: it ended"));
      return f;
    }
    if (pending != null || tasklets.isEmpty()) {
      if (explicit) {
        queued.add(new Request(kind, f));
      } else {
        f.cancel(false);
      }
      return f;
    }
    start(kind, f);
    return f;
  }

  /**
   * A sink that has read all its input asks for the checkpoint that commits its last
   * transaction: one is triggered now unless one is in progress.
   */
  synchronized void requestFinal() {
    if (!closed && pending == null && !tasklets.isEmpty()) {
      start(CheckpointKind.CHECKPOINT, new CompletableFuture<>());
    }
  }

  private void start(CheckpointKind kind, CompletableFuture<CompletedCheckpoint> f) {
    Pending p = new Pending(nextId++, kind, f);
    pending = p;
    for (Map.Entry<Tasklet, Map<String, byte[]>> e : finals.entrySet()) {
      p.parts.putAll(e.getValue());
      p.acked.add(e.getKey());
    }
    triggered = p.id;
    long id = p.id;
    p.timeout =
        executor.schedule(
            () -> timedOut(id), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    if (p.acked.size() == tasklets.size()) {
      startStore(p);
    }
    wakeAll();
  }

  private synchronized void timedOut(long id) {
    if (pending != null && pending.id == id && !pending.storing) {
      abort(pending, "it timed out after " + config.timeout());
    }
  }

  private void runQueued() {
    while (pending == null && !tasklets.isEmpty() && !queued.isEmpty()) {
      Request r = queued.poll();
      start(r.kind, r.future);
    }
  }

  // ---- parts

  /** Tasklet {@code t} passed the barrier of {@code parts.checkpointId}. */
  synchronized void acknowledge(Tasklet t, CheckpointParts parts) {
    Pending p = pending;
    if (p == null || p.id != parts.checkpointId || p.storing || !tasklets.contains(t)) {
      return; // aborted, or of an earlier attempt
    }
    if (p.acked.add(t)) {
      p.parts.putAll(parts.parts);
      if (p.acked.size() == tasklets.size()) {
        startStore(p);
      }
    }
  }

  /** Tasklet {@code t} finished; its final parts stand for it in this and later checkpoints. */
  synchronized void taskletFinished(Tasklet t, Map<String, byte[]> parts) {
    if (!tasklets.contains(t)) {
      return;
    }
    finals.put(t, parts);
    Pending p = pending;
    if (p != null && !p.storing && p.acked.add(t)) {
      p.parts.putAll(parts);
      if (p.acked.size() == tasklets.size()) {
        startStore(p);
      }
    }
  }

  private void startStore(Pending p) {
    p.storing = true;
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    CompletedCheckpoint c =
        new CompletedCheckpoint(jobName, p.id, p.triggeredAtMillis, p.kind, p.parts);
    try {
      executor.execute(() -> store(p, c));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      abort(p, "the job ended");
    }
  }

  private void store(Pending p, CompletedCheckpoint c) {
    try {
      store.store(c);
    } catch (IOException | RuntimeException e) {
      LOG.warn("job '{}': storing checkpoint {} failed", jobName, p.id, e);
      synchronized (this) {
        abort(p, "storing it failed: " + e);
      }
      return;
    }
    synchronized (this) {
      if (pending == p) {
        pending = null;
      }
      lastCompleted = c;
      restoreId = p.id;
      completed = Math.max(completed, p.id);
      LOG.debug("job '{}': checkpoint {} complete, {} bytes", jobName, p.id, c.sizeBytes());
      wakeAll();
      runQueued();
    }
    p.future.complete(c);
  }

  private void abort(Pending p, String reason) {
    if (pending == p) {
      pending = null;
    }
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    aborted = Math.max(aborted, p.id);
    LOG.debug("job '{}': checkpoint {} aborted: {}", jobName, p.id, reason);
    p.future.completeExceptionally(
        new IllegalStateException(
            "checkpoint " + p.id + " of job '" + jobName + "' was aborted: " + reason));
    wakeAll();
    runQueued();
  }

  private void wakeAll() {
    VarHandle.fullFence();
    for (Tasklet t : tasklets) {
      Worker w = t.worker;
      if (w != null) {
        w.wakeIfParked();
      }
    }
  }

  // ---- restore

  /** The newest completed checkpoint of this job (or the one it was restored from), if any. */
  synchronized Optional<CompletedCheckpoint> lastCompleted() {
    return Optional.ofNullable(lastCompleted);
  }

  /**
   * For a restart: waits for a checkpoint being stored, then loads the newest completed one from
   * the store; null if the job has none (it then starts afresh).
   *
   * @throws IllegalStateException if the store cannot give it back
   */
  RestoreState restoreForRestart() {
    CompletableFuture<CompletedCheckpoint> storing = null;
    synchronized (this) {
      if (pending != null && pending.storing) {
        storing = pending.future;
      }
    }
    if (storing != null) {
      try {
        storing.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.debug("job '{}': the checkpoint being stored did not complete", jobName, e);
      }
    }
    long id;
    synchronized (this) {
      id = restoreId;
    }
    if (id < 0) {
      return null;
    }
    try {
      return RestoreState.of(store.load(jobName, id));
    } catch (IOException e) {
      throw new IllegalStateException(
          "job '" + jobName + "' cannot restart from checkpoint " + id + ": " + e.getMessage(), e);
    }
  }
}
