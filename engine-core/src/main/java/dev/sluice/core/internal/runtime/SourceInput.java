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
  private volatile boolean endRequested;
  private boolean ended;

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
  public int process(Link head, Link tail, int budget) {
    if (ended) {
      return ENDED;
    }
    this.head = head;
    int n;
    if (endRequested) {
      n = SourceReader.END;
    } else {
      try {
        n = reader.read(this, budget);
      } catch (StageFailure f) {
        throw f;
      } catch (Exception | Error e) {
        throw new StageFailure(counter.stage, null, e);
      }
    }
    if (n == SourceReader.END) {
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
