package dev.sluice.core.internal.runtime;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;

/**
 * The tail of a chain that ends in a sink. A refused event (the writer has no room or no
 * demand) is kept, in order with later ones, and the tasklet stops taking input until the
 * writer accepts it.
 */
final class SinkLink extends Link {
  private final Sink<Object> sink;
  private SinkWriter<Object> writer;
  private final Spill spill = new Spill();
  private boolean endPending;
  private boolean completed;

  SinkLink(StageCounter counter, Sink<Object> sink) {
    super(counter);
    this.sink = sink;
  }

  @Override
  void open(TaskletContext context) throws Exception {
    try {
      writer = sink.createWriter(context.instanceIndex(), context.parallelism());
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
  }

  @Override
  void onEvent(Object item, long timestamp) {
    StageCounter c = counter;
    c.in++;
    if (!spill.isEmpty() || !offer(item, timestamp)) {
      spill.add(item, timestamp);
    } else {
      c.out++;
    }
  }

  private boolean offer(Object item, long timestamp) {
    try {
      return writer.offer(item, timestamp);
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, item, e);
    }
  }

  @Override
  void onWatermark(long watermark) {}

  @Override
  void onIdle() {}

  @Override
  void onEnd() {
    endPending = true;
  }

  @Override
  void onEndOfBatch() {
    try {
      writer.flush();
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
  }

  @Override
  void onIdleCheck(long nowNanos) {}

  @Override
  void close(Throwable failure) throws Exception {
    if (writer != null) {
      writer.close(failure);
    }
  }

  @Override
  boolean isBlocked() {
    return !spill.isEmpty();
  }

  @Override
  boolean tryUnblock() {
    while (!spill.isEmpty()) {
      if (!offer(spill.peekItem(), spill.peekTimestamp())) {
        return false;
      }
      counter.out++;
      spill.removeFirst();
    }
    return true;
  }

  @Override
  void flushPartial() {
    onEndOfBatch();
  }

  @Override
  boolean isFlushed() {
    if (!spill.isEmpty()) {
      return false;
    }
    if (endPending && !completed) {
      completed = true;
      try {
        writer.complete();
      } catch (Exception | Error e) {
        throw new StageFailure(counter.stage, null, e);
      }
    }
    return true;
  }
}
