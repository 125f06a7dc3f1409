package dev.sluice.core.internal.runtime;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Timestamps;

/**
 * Feeds a chain from a source reader. A reader that fails, including its first creation, is
 * restarted as the source's restart strategy allows (never while the job is stopping).
 */
final class SourceInput implements Input, SourceOutput<Object> {
  private final Source<Object> source;
  private final StageCounter counter;
  private final JobExecution job;
  /**
   * True for a source that stops accepting events itself when its job drains and then ends once
   * what it had accepted is read (a push source): a drain does not cut its reader short.
   */
  private final boolean drainsItself;
  private SourceReader<Object> reader;
  private Link head;
  private Tasklet tasklet;
  /** Events the reader emitted after the chain became blocked; fed before reading more. */
  private final Spill pending = new Spill();
  private volatile boolean endRequested;
  private boolean ended;
  private boolean readerEnded;
  /** The output of a sampled call's first event: it takes the timed path. */
  private final SourceOutput<Object> timedOutput =
      new SourceOutput<>() {
        @Override
        public void emit(Object event) {
          emit(event, Timestamps.NONE);
        }

        @Override
        public void emitWatermark(long watermark) {
          SourceInput.this.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
          SourceInput.this.markIdle();
        }

        @Override
        public void emit(Object event, long timestamp) {
          if (event == null) {
            throw new StageFailure(
                counter.stage, null, new NullPointerException("source emitted a null event"));
          }
          counter.in++; // a source's output is its input (StageCounter#out())
          if (!pending.isEmpty() || tasklet.isBlocked()) {
            pending.add(event, timestamp);
            return;
          }
          sample(event);
          head.onEventTimed(event, timestamp);
        }
      };
  private int calls;

  private final dev.sluice.core.fault.RestartStrategy restartStrategy;
  private RestartTracker restarts;
  private long restartAtNanos = -1;
  private TaskletContext context;
  /** The source stage's uid (names its part in checkpoints); set by the builder. */
  String checkpointUid;
  /** The readers' states of the checkpoint restored, by old instance; null for a fresh start. */
  java.util.List<byte[]> restoreStates;
  private CheckpointCoordinator checkpoints;

  SourceInput(
      Source<Object> source,
      StageCounter counter,
      dev.sluice.core.fault.RestartStrategy restart,
      JobExecution job,
      boolean drainsItself) {
    this.source = source;
    this.counter = counter;
    counter.outDerived = true;
    this.restartStrategy = restart;
    this.job = job;
    this.drainsItself = drainsItself;
  }

  @Override
  public void open(TaskletContext context) throws Exception {
    this.context = context;
    this.restarts = new RestartTracker(restartStrategy, context.clock(), counter.stage.hashCode());
    this.checkpoints = job.checkpoints();
    try {
      reader = newReader();
      counter.lag = reader instanceof dev.sluice.core.metrics.SourceLag l ? l : null;
    } catch (Exception | Error e) {
      failed(e); // restarted later, as a reader failing in read would be
    }
  }

  /** A reader: restored from the checkpoint's states if there are some, else a fresh one. */
  @SuppressWarnings("unchecked")
  private SourceReader<Object> newReader() throws Exception {
    SourceReader<Object> r;
    if (restoreStates != null
        && source instanceof dev.sluice.core.checkpoint.CheckpointedSource<?> cs) {
      java.util.List<byte[]> states = restoreStates;
      restoreStates = null; // a later restart of the reader starts afresh
      r = (SourceReader<Object>)
          cs.restoreReader(context.instanceIndex(), context.parallelism(), states);
    } else {
      r = source.createReader(context.instanceIndex(), context.parallelism());
    }
    if (r instanceof dev.sluice.core.checkpoint.CheckpointingAware aware) {
      try {
        aware.checkpointing(
            checkpoints != null && checkpoints.config().interval().toMillis() > 0);
      } catch (Exception | Error e) {
        try {
          r.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    return r;
  }

  /** True if the reader's position is stored in checkpoints. */
  private boolean replayable() {
    return checkpoints != null && source instanceof dev.sluice.core.checkpoint.CheckpointedSource;
  }

  /**
   * Between two reads: if a checkpoint was triggered and everything the reader handed over has
   * been emitted, snapshots the reader and passes the barrier through the chain.
   */
  private void injectBarrier(Tasklet tasklet) {
    long id = checkpoints.triggered;
    if (id <= tasklet.lastBarrier
        || id <= checkpoints.aborted // aborted before this source got to it
        || !pending.isEmpty()
        || tasklet.isBlocked()
        || (reader == null && !readerEnded)) {
      return;
    }
    CheckpointParts parts = new CheckpointParts(id, false);
    addReaderState(parts, id);
    tasklet.passBarrier(id, parts);
  }

  private void addReaderState(CheckpointParts parts, long id) {
    if (replayable() && reader != null && checkpointUid != null) {
      if (!(reader instanceof dev.sluice.core.checkpoint.CheckpointedReader cr)) {
        throw new StageFailure(
            counter.stage, null,
            new IllegalStateException(
                "source '" + source.name() + "' is a CheckpointedSource but its reader "
                    + reader.getClass().getName() + " is not a CheckpointedReader"));
      }
      byte[] state;
      try {
        state = cr.snapshotState(id);
      } catch (Exception e) {
        throw new StageFailure(counter.stage, null, e);
      }
      parts.put(CheckpointParts.SOURCE, checkpointUid, context.instanceIndex(), state);
    }
  }

  @Override
  public void snapshotFinal(CheckpointParts parts) {
    addReaderState(parts, parts.checkpointId);
  }

  @Override
  public void checkpointComplete(long checkpointId) throws Exception {
    if (reader instanceof dev.sluice.core.checkpoint.CheckpointListener l) {
      l.checkpointComplete(checkpointId);
    }
  }

  @Override
  public void checkpointAborted(long checkpointId) throws Exception {
    if (reader instanceof dev.sluice.core.checkpoint.CheckpointListener l) {
      l.checkpointAborted(checkpointId);
    }
  }

  @Override
  public int process(Link head, Tasklet tasklet, int budget) {
    if (ended) {
      return ENDED;
    }
    this.head = head;
    this.tasklet = tasklet;
    if (checkpoints != null) {
      injectBarrier(tasklet);
    }
    if (!pending.isEmpty()) {
      int fed = 0;
      while (!pending.isEmpty() && !tasklet.isBlocked()) {
        Object item = pending.peekItem();
        if (item == WATERMARK_MARK) {
          head.onWatermark(pending.peekTimestamp());
        } else if (item == IDLE_MARK) {
          head.onIdle();
        } else {
          head.onEvent(item, pending.peekTimestamp());
        }
        pending.removeFirst();
        fed++;
      }
      if (!pending.isEmpty() || fed > 0) {
        return fed;
      }
    }
    int n = 0;
    if (endRequested && !drainsItself) {
      readerEnded = true;
    } else if (!readerEnded) {
      if (reader == null) {
        if (context.clock().nanoTime() < restartAtNanos) {
          return 0; // waiting to restart
        }
        try {
          reader = newReader();
          counter.lag = reader instanceof dev.sluice.core.metrics.SourceLag l ? l : null;
        } catch (Exception | Error e) {
          return failed(e);
        }
      }
      try {
        if (counter.sampling() && (calls++ & (StageCounter.SAMPLE_EVERY_CALLS - 1)) == 0) {
          // a sampled call: one event through the timed path, by a separate output object so
          // that the per-event path carries no metrics code
          n = reader.read(timedOutput, 1);
          if (n > 0 && !tasklet.isBlocked()) {
            int more = reader.read(this, budget - n);
            n = more == SourceReader.END ? n : n + more;
          }
        } else {
          n = reader.read(this, budget);
        }
      } catch (StageFailure f) {
        throw f;
      } catch (Exception | Error e) {
        return failed(e);
      }
      if (n == SourceReader.END) {
        readerEnded = true;
        n = 0;
      }
    }
    if (readerEnded && pending.isEmpty()) {
      ended = true;
      head.onEndOfBatch();
      head.onWatermark(Timestamps.MAX_WATERMARK);
      return ENDED;
    }
    return n;
  }

  /**
   * A reader failure (or a failure to create one): restart later if the strategy allows, else
   * fail the job. A job that is stopping (cancelled, or failed elsewhere) is not restarted.
   */
  private int failed(Throwable e) {
    if (job.isStopping() || (replayable() && reader != null)) {
      // a replayable reader is not restarted on its own: a fresh one would replay from the
      // start; the job restarts from its last checkpoint instead
      throw new StageFailure(counter.stage, null, e);
    }
    long at = restarts.onFailure();
    if (at < 0) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.restarts++;
    job.stageRestarted(
        counter.stage, context.instanceIndex(), restarts.restarts(), restarts.lastDelayMillis(), e);
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (Exception | Error closeFailure) {
      e.addSuppressed(closeFailure);
    }
    reader = null;
    restartAtNanos = at;
    return 0;
  }

  @Override
  public void emit(Object event) {
    emit(event, Timestamps.NONE);
  }

  @Override
  public void emit(Object event, long timestamp) {
    if (event == null) {
      throw new StageFailure(
          counter.stage, null, new NullPointerException("source emitted a null event"));
    }
    counter.in++; // a source's output is its input (StageCounter#out())
    if (!pending.isEmpty() || tasklet.isBlocked()) {
      pending.add(event, timestamp); // the chain is full: hold it, the reader is not stopped
      return;
    }
    head.onEvent(event, timestamp);
  }

  /** A watermark a reader emitted while the chain was blocked, in the spill (value: its time). */
  private static final Object WATERMARK_MARK = new Object();
  /** An idleness declaration a reader made while the chain was blocked, in the spill. */
  private static final Object IDLE_MARK = new Object();

  @Override
  public void emitWatermark(long watermark) {
    if (!pending.isEmpty() || tasklet.isBlocked()) {
      pending.add(WATERMARK_MARK, watermark); // stays behind the events emitted before it
      return;
    }
    head.onWatermark(watermark);
  }

  @Override
  public void markIdle() {
    if (!pending.isEmpty() || tasklet.isBlocked()) {
      pending.add(IDLE_MARK, Timestamps.NONE);
      return;
    }
    head.onIdle();
  }

  /**
   * The sampled event of a sampled call: offered to the reservoir; its size stands for the
   * events since the previous sample (bytes are extrapolated).
   */
  private void sample(Object event) {
    StageCounter c = counter;
    if (c.sample != null) {
      c.sample.offer(event);
    }
    long events = c.in - c.lastSampledIn;
    c.lastSampledIn = c.in;
    if (event instanceof byte[] b) {
      c.bytes += b.length * events;
    } else if (event instanceof dev.sluice.core.metrics.Sized sized) {
      c.bytes += sized.sizeBytes() * events;
    }
  }

  @Override
  public void requestEnd() {
    endRequested = true;
  }

  @Override
  public void close(Throwable failure) throws Exception {
    if (reader != null) {
      reader.close();
    }
  }
}
