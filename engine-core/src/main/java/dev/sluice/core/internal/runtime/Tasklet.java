package dev.sluice.core.internal.runtime;

import java.util.List;

/**
 * One parallel instance of a chain: an input, a fused chain of links and a tail. Cooperative:
 * each {@link #call()} processes at most one budget of items and returns; it never blocks (a
 * blocking source or sink's tasklet runs on its own thread, where its user code may block).
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
  private final List<Link> links;
  private final TaskletContext context;
  private final Gate gate;
  private final Link[] pollables;
  private final int budget;
  private int state = RUNNING;
  private boolean opened;
  private boolean closed;

  Tasklet(
      String name,
      JobExecution job,
      Input input,
      List<Link> links,
      TaskletContext context,
      int budget,
      boolean dedicatedThread) {
    this.name = name;
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
    boolean progress = false;
    for (Link p : pollables) {
      progress |= p.poll();
    }
    if (isBlocked()) {
      if (!tail.tryUnblock() || gate.isClosed()) {
        tail.flushPartial();
        return progress ? PROGRESS : NO_PROGRESS;
      }
      progress = true;
    }
    if (state == ENDING) {
      tail.flushPartial();
      if (isQuiescent() && tail.isFlushed()) {
        state = FINISHED;
        return DONE;
      }
      return progress ? PROGRESS : NO_PROGRESS;
    }
    int n = input.process(head, this, budget);
    if (n == Input.ENDED) {
      head.onEnd();
      state = ENDING;
      tail.flushPartial();
      if (!isBlocked() && isQuiescent() && tail.isFlushed()) {
        state = FINISHED;
        return DONE;
      }
      return PROGRESS;
    }
    if (n > 0) {
      head.onEndOfBatch();
      tail.flushPartial();
      return PROGRESS;
    }
    head.onIdleCheck(context.clock().nanoTime());
    tail.flushPartial();
    return progress ? PROGRESS : NO_PROGRESS;
  }

  /** True while the chain cannot take input: the tail holds spilled items or the gate is closed. */
  boolean isBlocked() {
    return gate.closedBy > 0 || tail.isBlocked();
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
