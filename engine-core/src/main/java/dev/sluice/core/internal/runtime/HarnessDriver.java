package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.Operator;
import java.util.List;
import java.util.function.Function;

/**
 * Drives one operator through the same link the runtime uses, with a recording tail, for the
 * public test harness. Single-threaded.
 */
public final class HarnessDriver {

  /** Receives what the operator's link passes downstream. */
  public interface Recorder {
    /** An event went downstream. */
    void onEvent(Object event, long timestamp);

    /** A watermark went downstream. */
    void onWatermark(long watermark);

    /** An event went to the side output {@code tagId}. */
    default void onSideEvent(String tagId, Object event, long timestamp) {}

    /** A watermark reached the side output {@code tagId} (after the main output). */
    default void onSideWatermark(String tagId, long watermark) {}
  }

  private final Link link;
  private boolean opened;

  private HarnessDriver(Link link, Recorder recorder) {
    this.link = link;
    link.next =
        new Link(null) {
          @Override
          void onEvent(Object item, long timestamp) {
            recorder.onEvent(item, timestamp);
          }

          @Override
          void onWatermark(long watermark) {
            recorder.onWatermark(watermark);
          }

          @Override
          void onIdle() {}

          @Override
          void onEnd() {}

          @Override
          void onEndOfBatch() {}

          @Override
          void onIdleCheck(long nowNanos) {}
        };
    // every side output the operator asks for is recorded, as if the pipeline connected it
    ((OperatorLinkBase) link).unconnectedSideOutputs = tag -> recordingPort(tag.id(), recorder);
  }

  private static Link recordingPort(String tagId, Recorder recorder) {
    return new Link(null) {
      @Override
      void onEvent(Object item, long timestamp) {
        recorder.onSideEvent(tagId, item, timestamp);
      }

      @Override
      void onWatermark(long watermark) {
        recorder.onSideWatermark(tagId, watermark);
      }

      @Override
      void onIdle() {}

      @Override
      void onEnd() {}

      @Override
      void onEndOfBatch() {}

      @Override
      void onIdleCheck(long nowNanos) {}
    };
  }

  /** A driver for a plain operator. */
  @SuppressWarnings("unchecked")
  public static HarnessDriver of(Operator<?, ?> operator, String stageName, Recorder recorder) {
    return new HarnessDriver(
        new OperatorLink(new StageCounter(stageName), (Operator<Object, Object>) operator),
        recorder);
  }

  /** A driver for a keyed operator with {@code maxParallelism} key groups. */
  @SuppressWarnings("unchecked")
  public static HarnessDriver keyed(
      KeyedOperator<?, ?, ?> operator,
      Function<Object, Object> keyFn,
      int maxParallelism,
      String stageName,
      Recorder recorder) {
    return new HarnessDriver(
        new KeyedOperatorLink(
            new StageCounter(stageName),
            keyFn,
            (KeyedOperator<Object, Object, Object>) operator,
            maxParallelism),
        recorder);
  }

  /**
   * Restores the operator's managed state from the snapshots of every instance of an earlier run
   * (call before {@link #open}); the instance takes the key groups of its range.
   */
  public void restoreFrom(List<OperatorSnapshot> snapshots) {
    if (opened) {
      throw new IllegalStateException("restore before open");
    }
    ((OperatorLinkBase) link).restoreFrom(snapshots);
  }

  /** A snapshot of the operator's managed state, timers included. */
  public OperatorSnapshot snapshot() {
    return ((OperatorLinkBase) link).snapshot();
  }

  /**
   * What the operator holds in managed state: keyed entries plus pending timers plus operator
   * state entries.
   */
  public int stateEntries() {
    OperatorLinkBase l = (OperatorLinkBase) link;
    int n = l.operatorState == null ? 0 : l.operatorState.totalEntries();
    if (l instanceof KeyedOperatorLink k) {
      n += k.keyedBackend().totalEntries() + k.pendingTimers();
    }
    return n;
  }

  /** Opens the operator (once). */
  public void open(int instanceIndex, int parallelism, EngineClock clock) throws Exception {
    if (!opened) {
      opened = true;
      link.open(new TaskletContext(instanceIndex, parallelism, clock));
    }
  }

  /** Delivers an event; a user failure surfaces as its original exception. */
  public void event(Object event, long timestamp) throws Exception {
    unwrap(() -> link.onEvent(event, timestamp));
  }

  /** Delivers a watermark. */
  public void watermark(long watermark) throws Exception {
    unwrap(() -> link.onWatermark(watermark));
  }

  /** Delivers the end of input. */
  public void end() throws Exception {
    unwrap(link::onEnd);
  }

  /** Closes the operator. */
  public void close() throws Exception {
    link.close(null);
  }

  private static void unwrap(Runnable r) throws Exception {
    try {
      r.run();
    } catch (StageFailure f) {
      Throwable c = f.getCause();
      if (c instanceof Exception e) {
        throw e;
      }
      if (c instanceof Error e) {
        throw e;
      }
      throw f;
    }
  }
}
