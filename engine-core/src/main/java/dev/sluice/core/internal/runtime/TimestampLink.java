package dev.sluice.core.internal.runtime;

import dev.sluice.core.Timestamps;
import dev.sluice.core.WatermarkPolicy;
import java.util.function.ToLongFunction;

/**
 * Assigns event timestamps and generates bounded-out-of-orderness watermarks at the end of each
 * batch, plus idleness after the policy's timeout. Upstream watermarks are replaced by its own,
 * except the final one.
 */
final class TimestampLink extends Link {
  private final ToLongFunction<Object> timestampFn;
  private final long outOfOrderness;
  private final long idleTimeoutNanos;
  private long maxTimestamp = Long.MIN_VALUE;
  private long lastWatermark = Long.MIN_VALUE;
  private boolean sawEvent;
  private boolean idle;
  private long lastActivityNanos = Long.MIN_VALUE;

  TimestampLink(StageCounter counter, ToLongFunction<Object> timestampFn, WatermarkPolicy policy) {
    super(counter);
    counter.outDerived = true; // one-to-one: only the input is counted per event
    this.timestampFn = timestampFn;
    this.outOfOrderness = policy.maxOutOfOrdernessMillis();
    this.idleTimeoutNanos = policy.idleTimeoutMillis() * 1_000_000L;
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    StageCounter c = counter;
    c.in++;
    long ts;
    try {
      ts = timestampFn.applyAsLong(item);
    } catch (RuntimeException | Error e) {
      handleError(item, timestamp, e);
      return;
    }
    if (ts > maxTimestamp) {
      maxTimestamp = ts;
    }
    sawEvent = true;
    idle = false;
    next.onEventTimed(item, ts);
  }

  @Override
  void onEvent(Object item, long timestamp) {
    StageCounter c = counter;
    c.in++;
    long ts;
    try {
      ts = timestampFn.applyAsLong(item);
    } catch (RuntimeException | Error e) {
      handleError(item, timestamp, e);
      return;
    }
    if (ts > maxTimestamp) {
      maxTimestamp = ts;
    }
    sawEvent = true;
    if (idle) {
      idle = false; // data itself makes the output active again downstream
    }
    next.onEvent(item, ts);
  }

  @Override
  void onWatermark(long watermark) {
    if (watermark == Timestamps.MAX_WATERMARK && lastWatermark != watermark) {
      lastWatermark = watermark;
      noteWatermark(watermark);
      next.onWatermark(watermark);
    }
  }

  @Override
  void onEndOfBatch() {
    if (maxTimestamp != Long.MIN_VALUE) {
      long candidate = maxTimestamp - outOfOrderness - 1;
      if (candidate > lastWatermark && lastWatermark != Timestamps.MAX_WATERMARK) {
        lastWatermark = candidate;
        noteWatermark(candidate);
        next.onWatermark(candidate);
      }
    }
    next.onEndOfBatch();
  }

  @Override
  void onIdleCheck(long nowNanos) {
    if (idleTimeoutNanos > 0) {
      if (sawEvent || lastActivityNanos == Long.MIN_VALUE) {
        sawEvent = false;
        lastActivityNanos = nowNanos;
      } else if (!idle && nowNanos - lastActivityNanos >= idleTimeoutNanos) {
        idle = true;
        next.onIdle();
      }
    }
    next.onIdleCheck(nowNanos);
  }

  @Override
  void onIdle() {
    // Upstream idleness is replaced by this stage's own detection.
  }
}
