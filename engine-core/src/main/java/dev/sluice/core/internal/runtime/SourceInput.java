package dev.sluice.core.internal.runtime;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Timestamps;

/** Feeds a chain from a source reader. */
final class SourceInput implements Input, SourceOutput<Object> {
  private final Source<Object> source;
  private final StageCounter counter;
  private SourceReader<Object> reader;
  private Link head;
  private Tasklet tasklet;
  /** Events the reader emitted after the chain became blocked; fed before reading more. */
  private final Spill pending = new Spill();
  private volatile boolean endRequested;
  private boolean ended;
  private boolean readerEnded;

  SourceInput(Source<Object> source, StageCounter counter) {
    this.source = source;
    this.counter = counter;
  }

  @Override
  public void open(TaskletContext context) throws Exception {
    try {
      reader = source.createReader(context.instanceIndex(), context.parallelism());
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
  }

  @Override
  public int process(Link head, Tasklet tasklet, int budget) {
    if (ended) {
      return ENDED;
    }
    this.head = head;
    this.tasklet = tasklet;
    if (!pending.isEmpty()) {
      int fed = 0;
      while (!pending.isEmpty() && !tasklet.isBlocked()) {
        head.onEvent(pending.peekItem(), pending.peekTimestamp());
        pending.removeFirst();
        fed++;
      }
      if (!pending.isEmpty() || fed > 0) {
        return fed;
      }
    }
    int n = 0;
    if (endRequested) {
      readerEnded = true;
    } else if (!readerEnded) {
      try {
        n = reader.read(this, budget);
      } catch (StageFailure f) {
        throw f;
      } catch (Exception | Error e) {
        throw new StageFailure(counter.stage, null, e);
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
    StageCounter c = counter;
    c.in++;
    c.out++;
    if (!pending.isEmpty() || tasklet.isBlocked()) {
      pending.add(event, timestamp); // the chain is full: hold it, the reader is not stopped
      return;
    }
    head.onEvent(event, timestamp);
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
