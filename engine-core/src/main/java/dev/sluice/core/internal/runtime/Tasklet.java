package dev.sluice.core.internal.runtime;

import java.util.List;

/**
 * One parallel instance of a chain: an input, a fused chain of links and a tail, plus the side
 * ports of the chain's operators (the queue ends of their side outputs). Cooperative: each
 * {@link #call()} processes at most one budget of items and returns; it never blocks (a blocking
 * source or sink's tasklet runs on its own thread, where its user code may block).
 *
 * <p>Blocking: the chain takes no input while the gate is closed. A tail (sink or outlet) or a side
 * port that spilled closes it, as do other links that cannot take more, so the per-event check is
 * one field read; the tasklet drains side ports with the tail before taking input again, and
 * flushes them with it.
 */
final class Tasklet {
  static final int NO_PROGRESS = 0;
  static final int PROGRESS = 1;
  static final int DONE = 2;

  private static final int RUNNING = 0;
  private static final int ENDING = 1;
  private static final int FINISHED = 2;

  final String name;
  final JobExecution job;
  final boolean dedicatedThread;
  /** True if this tasklet is the dead-letter source or downstream of it. */
  boolean deadLetterBranch;
  /** The worker running this tasklet, set when it is placed; woken by channel hand-offs. */
  volatile Worker worker;
  private final Input input;
  private final Link head;
  private final Link tail;
  private final Outlet[] sidePorts;
  private final List<Link> links;
  private final TaskletContext context;
  private final Gate gate;
  private final Link[] pollables;
  private final int budget;
  private int state = RUNNING;
  private boolean opened;
  private boolean closed;
  /** The job's checkpointing, or null. */
  private final CheckpointCoordinator checkpoints;
  /** The newest checkpoint id whose barrier passed this tasklet (or that it skipped). */
  long lastBarrier;
  private long notifiedComplete;
  private long notifiedAborted;

  Tasklet(
      String name,
      JobExecution job,
      Input input,
      List<Link> links,
      TaskletContext context,
      int budget,
      boolean dedicatedThread) {
    this(name, job, input, links, new Outlet[0], context, budget, dedicatedThread);
  }

  Tasklet(
      String name,
      JobExecution job,
      Input input,
      List<Link> links,
      Outlet[] sidePorts,
      TaskletContext context,
      int budget,
      boolean dedicatedThread) {
    this.name = name;
    this.sidePorts = sidePorts;
    this.job = job;
    this.input = input;
    this.links = links;
    this.head = links.get(0);
    this.tail = links.get(links.size() - 1);
    this.context = context;
    this.gate = context.gate();
    this.pollables = links.stream().filter(Link::isPollable).toArray(Link[]::new);
    this.budget = budget;
    this.dedicatedThread = dedicatedThread;
    this.checkpoints = job.checkpoints();
    if (checkpoints != null) {
      // ids already triggered belong to earlier attempts
      lastBarrier = checkpoints.triggered;
      notifiedComplete = checkpoints.completed;
      notifiedAborted = checkpoints.aborted;
    }
  }

  CheckpointCoordinator checkpoints() {
    return checkpoints;
  }

  /**
   * The barrier of {@code checkpointId} passes the chain (the input is aligned): every link adds
   * its state to {@code parts}, which go to the coordinator. On the tasklet's thread.
   */
  void passBarrier(long checkpointId, CheckpointParts parts) {
    lastBarrier = checkpointId;
    head.onBarrier(checkpointId, parts);
    checkpoints.acknowledge(this, parts);
  }

  /** Delivers completed and aborted checkpoints to the input and links, on this thread. */
  private void deliverNotifications(CheckpointCoordinator cc) throws Exception {
    long done = cc.completed;
    if (done > notifiedComplete) {
      notifiedComplete = done;
      input.checkpointComplete(done);
      for (Link l : links) {
        l.checkpointComplete(done);
      }
    }
    long gone = cc.aborted;
    if (gone > notifiedAborted) {
      notifiedAborted = gone;
      input.checkpointAborted(gone);
      for (Link l : links) {
        l.checkpointAborted(gone);
      }
    }
  }

  /**
   * While ending (the input has ended, the chain still flushes): a triggered checkpoint is
   * acknowledged directly once nothing is pending inside the chain, since every input counts as
   * aligned. Exactly-once sinks wait here for the checkpoint that commits their last transaction.
   */
  private void barrierWhileEnding(CheckpointCoordinator cc) throws Exception {
    long t = cc.triggered;
    if (t > lastBarrier && t > cc.aborted && !isBlocked() && isQuiescent()) {
      CheckpointParts parts = new CheckpointParts(t, false);
      input.snapshotFinal(parts); // a source's end position
      passBarrier(t, parts);
    }
  }

  /** The chain is done: leaves its final state for this and later checkpoints. */
  private void leaveFinalParts() throws Exception {
    if (checkpoints == null) {
      return;
    }
    CheckpointParts parts = new CheckpointParts(checkpoints.triggered, true);
    input.snapshotFinal(parts);
    for (Link l : links) {
      l.snapshotInto(parts);
    }
    checkpoints.taskletFinished(this, parts.parts);
  }

  Input input() {
    return input;
  }

  int call() throws Exception {
    if (!opened) {
      opened = true;
      for (Link l : links) {
        l.open(context);
      }
      input.open(context);
    }
    if (checkpoints != null) {
      deliverNotifications(checkpoints);
    }
    boolean progress = false;
    for (Link p : pollables) {
      progress |= p.poll();
    }
    if (isBlocked()) {
      boolean unblocked = tail.tryUnblock();
      for (Outlet p : sidePorts) {
        unblocked &= p.tryUnblock(); // reopens the gate once the port's spill is drained
      }
      if (!unblocked || gate.isClosed()) {
        flushPartial();
        return progress ? PROGRESS : NO_PROGRESS;
      }
      progress = true;
    }
    if (state == ENDING) {
      flushPartial();
      if (checkpoints != null) {
        barrierWhileEnding(checkpoints);
      }
      if (isQuiescent() && isFlushed()) {
        leaveFinalParts();
        state = FINISHED;
        return DONE;
      }
      return progress ? PROGRESS : NO_PROGRESS;
    }
    int n = input.process(head, this, budget);
    if (n == Input.ENDED) {
      head.onEnd();
      state = ENDING;
      flushPartial();
      if (checkpoints != null && !isBlocked()) {
        barrierWhileEnding(checkpoints);
      }
      if (!isBlocked() && isQuiescent() && isFlushed()) {
        leaveFinalParts();
        state = FINISHED;
        return DONE;
      }
      return PROGRESS;
    }
    if (n > 0) {
      head.onEndOfBatch();
      flushPartial();
      return PROGRESS;
    }
    head.onIdleCheck(context.clock().nanoTime());
    flushPartial();
    return progress ? PROGRESS : NO_PROGRESS;
  }

  /** Publishes partly filled batches of the tail and the side ports. */
  private void flushPartial() {
    tail.flushPartial();
    for (Outlet p : sidePorts) {
      p.flushPartial();
    }
  }

  /** True when the tail and every side port have handed on everything they were given. */
  private boolean isFlushed() {
    for (Outlet p : sidePorts) {
      if (!p.isFlushed()) {
        return false;
      }
    }
    return tail.isFlushed();
  }

  /**
   * True while the chain cannot take input: the gate is closed, by the tail holding spilled items
   * or by another link. One field read, with no call on the tail (whose class varies with the
   * chain, see {@link SpecializedLinks}), since sources and queue inputs check it per event.
   */
  boolean isBlocked() {
    return gate.closedBy > 0;
  }

  private boolean isQuiescent() {
    for (Link p : pollables) {
      if (!p.isQuiescent()) {
        return false;
      }
    }
    return true;
  }

  /** Closes input and user code once; failures while closing are suppressed into the job. */
  void close(Throwable failure) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close(failure);
    } catch (Throwable t) {
      job.recordCloseFailure(name, t);
    }
    if (!opened) {
      return;
    }
    for (Link l : links) {
      try {
        l.close(failure);
      } catch (Throwable t) {
        job.recordCloseFailure(name, t);
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
