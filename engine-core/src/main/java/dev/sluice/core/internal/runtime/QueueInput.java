package dev.sluice.core.internal.runtime;

import dev.sluice.core.Timestamps;

/**
 * Feeds a chain from the channels of its inbound edges, one batch at a time, round-robin across
 * channels. Coalesces watermarks: the chain's watermark is the minimum over inputs that have not
 * ended and are not idle, and only ever advances. When every input is idle the chain's output
 * becomes idle too; when every input has ended the final watermark is delivered.
 */
final class QueueInput implements Input {
  private final Channel[] channels;
  private final long[] watermarks;
  private final boolean[] idle;
  private final boolean[] ended;
  private int endedCount;
  private long emittedWatermark = Long.MIN_VALUE;
  private boolean outputIdle;
  private Batch current;
  private int currentChannel;
  private int cursor;
  private int nextChannel;
  private int calls;
  private boolean sampling;

  QueueInput(Channel[] channels) {
    this.channels = channels;
    this.watermarks = new long[channels.length];
    java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
    this.idle = new boolean[channels.length];
    this.ended = new boolean[channels.length];
  }

  @Override
  public void open(TaskletContext context) {}

  /** Turns sampling of one event per few calls on (metrics enabled). */
  void setSampling(boolean on) {
    this.sampling = on;
  }

  @Override
  public int process(Link head, Tasklet tasklet, int budget) {
    int processed = 0;
    if (sampling && (calls++ & (StageCounter.SAMPLE_EVERY_CALLS - 1)) == 0) {
      processed += timedFirst(head);
    }
    while (processed < budget) {
      Batch b = current;
      if (b == null) {
        if (endedCount == channels.length) {
          return ENDED;
        }
        b = pollNext();
        if (b == null) {
          break;
        }
        current = b;
        cursor = 0;
      }
      Object[] items = b.items;
      long[] ts = b.timestamps;
      int size = b.size;
      int i = cursor;
      int q = currentChannel;
      while (i < size) {
        Object it = items[i];
        long t = ts[i];
        i++;
        if (it instanceof Control) {
          onControl((Control) it, t, q, head);
        } else {
          if (idle[q]) {
            idle[q] = false;
            outputIdle = false;
          }
          head.onEvent(it, t);
        }
        if (tasklet.isBlocked()) {
          break;
        }
      }
      processed += i - cursor;
      cursor = i;
      if (i == size) {
        channels[q].recycle(b);
        current = null;
      }
      if (tasklet.isBlocked()) {
        break;
      }
    }
    if (current == null && endedCount == channels.length) {
      return processed > 0 ? processed : ENDED;
    }
    return processed;
  }

  /**
   * On a sampled call: if the next item is an event, passes it through the timed path, outside
   * the per-event loop.
   */
  private int timedFirst(Link head) {
    if (current == null) {
      if (endedCount == channels.length) {
        return 0;
      }
      Batch b = pollNext();
      if (b == null) {
        return 0;
      }
      current = b;
      cursor = 0;
    }
    if (cursor >= current.size) {
      return 0;
    }
    Object it = current.items[cursor];
    if (it instanceof Control) {
      return 0;
    }
    int q = currentChannel;
    if (idle[q]) {
      idle[q] = false;
      outputIdle = false;
    }
    head.onEventTimed(it, current.timestamps[cursor]);
    cursor++;
    if (cursor == current.size) {
      channels[q].recycle(current);
      current = null;
    }
    return 1;
  }

  private Batch pollNext() {
    int n = channels.length;
    for (int k = 0; k < n; k++) {
      int q = nextChannel;
      nextChannel = q + 1 == n ? 0 : q + 1;
      if (ended[q]) {
        continue;
      }
      Batch b = channels[q].poll();
      if (b != null) {
        currentChannel = q;
        return b;
      }
    }
    return null;
  }

  private void onControl(Control c, long value, int q, Link head) {
    if (c == Control.WATERMARK) {
      idle[q] = false;
      if (value > watermarks[q]) {
        watermarks[q] = value;
      }
      advance(head);
    } else if (c == Control.IDLE) {
      idle[q] = true;
      advance(head);
      if (!outputIdle && allLiveIdle()) {
        outputIdle = true;
        head.onIdle();
      }
    } else if (c == Control.END) {
      ended[q] = true;
      endedCount++;
      advance(head);
    }
  }

  private boolean allLiveIdle() {
    boolean anyLive = false;
    for (int q = 0; q < channels.length; q++) {
      if (!ended[q]) {
        anyLive = true;
        if (!idle[q]) {
          return false;
        }
      }
    }
    return anyLive;
  }

  private void advance(Link head) {
    long min = Long.MAX_VALUE;
    boolean anyActive = false;
    for (int q = 0; q < channels.length; q++) {
      if (!ended[q] && !idle[q]) {
        anyActive = true;
        min = Math.min(min, watermarks[q]);
      }
    }
    if (!anyActive) {
      if (endedCount < channels.length) {
        return; // every live input is idle: hold event time where it is
      }
      min = Timestamps.MAX_WATERMARK;
    }
    if (min > emittedWatermark) {
      emittedWatermark = min;
      head.onWatermark(min);
    }
  }

  @Override
  public void requestEnd() {}

  @Override
  public void close(Throwable failure) {}
}
