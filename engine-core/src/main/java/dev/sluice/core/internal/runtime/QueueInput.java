package dev.sluice.core.internal.runtime;

import dev.sluice.core.Timestamps;

/**
 * Feeds a chain from the channels of its inbound edges, one batch at a time, round-robin across
 * channels. Coalesces watermarks: the chain's watermark is the minimum over inputs that hold
 * event time, have not ended and are not idle, and only ever advances. When every such input is
 * idle the chain's output becomes idle too; when every such input has ended the final watermark
 * is delivered, and the input ends when every channel has ended.
 *
 * <p>Per input: each channel belongs to one input edge of the chain's first stage. Its events go
 * to that input's entry link (the stage itself for input 0, its {@code secondInput} for input 1);
 * the entry is chosen once per batch, so the per-event loop is the same for every input. A channel
 * that does not hold event time (a broadcast input) has its watermarks and idleness ignored. A
 * read-first channel (a broadcast input) is polled before every batch taken from the others, so
 * whatever it has queued is processed before the next batch of data; a batch already being
 * processed is finished first.
 *
 * <p>Checkpoint barriers are aligned per channel: when a channel delivers the barrier of a
 * checkpoint, the rest of its batch is held and the channel is not read until every other
 * channel has delivered the same barrier or ended; then the tasklet passes one barrier through
 * its chain and the held batches are resumed. A barrier of a newer checkpoint abandons the
 * alignment of an older one (it was aborted), as does the coordinator aborting it.
 */
final class QueueInput implements Input {
  /**
   * One inbound channel and its input.
   *
   * @param channel the channel
   * @param ordinal the input of the chain's first stage that it feeds
   * @param holdsEventTime whether its watermarks count in the minimum
   * @param readFirst whether it is drained before other channels
   */
  record Inbound(Channel channel, int ordinal, boolean holdsEventTime, boolean readFirst) {}

  private final Channel[] channels;
  private final int[] ordinals;
  private final boolean[] holdsEventTime;
  private final boolean[] readFirst;
  /** Indices of the read-first channels. */
  private final int[] firstChannels;
  /** Where each channel's events go; bound on first use. */
  private Link[] entries;
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
  /** The chain's head if it is a keyed operator: it takes the key each event carries. */
  private KeyedOperatorLink keyedHead;
  // ---- barrier alignment
  /** Per channel: its barrier of {@link #aligning} arrived; the channel is not read. */
  private final boolean[] barrierIn;
  /** Per channel: the rest of the batch that delivered the barrier, and where to resume it. */
  private final Batch[] held;
  private final int[] heldCursor;
  /** The checkpoint being aligned, or -1. */
  private long aligning = -1;
  /** Barriers of checkpoints up to this id are ignored (passed or abandoned). */
  private long barriersDoneUpTo;
  /** Where a batch returned by {@link #pollNext} starts (non-zero for a resumed held batch). */
  private int polledCursor;

  /** Channels that all feed input 0 and hold event time. */
  QueueInput(Channel[] channels) {
    this(plain(channels));
  }

  QueueInput(Inbound[] inbound) {
    int n = inbound.length;
    this.channels = new Channel[n];
    this.ordinals = new int[n];
    this.holdsEventTime = new boolean[n];
    this.readFirst = new boolean[n];
    int firsts = 0;
    for (int q = 0; q < n; q++) {
      channels[q] = inbound[q].channel();
      ordinals[q] = inbound[q].ordinal();
      holdsEventTime[q] = inbound[q].holdsEventTime();
      readFirst[q] = inbound[q].readFirst();
      if (readFirst[q]) {
        firsts++;
      }
    }
    this.firstChannels = new int[firsts];
    for (int q = 0, f = 0; q < n; q++) {
      if (readFirst[q]) {
        firstChannels[f++] = q;
      }
    }
    this.watermarks = new long[n];
    java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
    this.idle = new boolean[n];
    this.ended = new boolean[n];
    this.barrierIn = new boolean[n];
    this.held = new Batch[n];
    this.heldCursor = new int[n];
  }

  private static Inbound[] plain(Channel[] channels) {
    Inbound[] in = new Inbound[channels.length];
    for (int q = 0; q < channels.length; q++) {
      in[q] = new Inbound(channels[q], 0, true, false);
    }
    return in;
  }

  /**
   * Binds each channel to its input's entry: {@code head} for input 0, {@code second} for input
   * 1.
   *
   * @throws IllegalStateException if a channel feeds input 1 and {@code second} is null
   */
  void bind(Link head, Link second) {
    Link[] e = new Link[channels.length];
    for (int q = 0; q < channels.length; q++) {
      if (ordinals[q] == 0) {
        e[q] = head;
      } else if (ordinals[q] == 1 && second != null) {
        e[q] = second;
      } else {
        throw new IllegalStateException("no entry for input " + ordinals[q]);
      }
    }
    this.entries = e;
  }

  @Override
  public void open(TaskletContext context) {}

  /** Hands each event's carried key to {@code head} (a keyed chain head). */
  void setKeyedHead(KeyedOperatorLink head) {
    this.keyedHead = head;
  }

  /**
   * Delivers an event of a keyed batch: a keyed head takes its key and group; any other head
   * (a partition stage) ignores them, except that a key function that failed at the sender
   * fails here, under the head stage's error policy.
   */
  private void deliverKeyed(Link head, Batch b, int i, Object item, long t, boolean timed) {
    KeyedOperatorLink k = head == keyedHead ? keyedHead : null;
    int group = b.groups[i];
    if (k != null) {
      k.carriedKey = b.keys[i];
      k.carriedGroup = group;
    } else if (group == KeyedOperatorLink.KEY_FAILED) {
      head.counter.in++;
      head.handleError(item, t, (Throwable) b.keys[i]);
      return;
    }
    if (timed) {
      head.onEventTimed(item, t);
    } else {
      head.onEvent(item, t);
    }
  }

  /** Turns sampling of one event per few calls on (metrics enabled). */
  void setSampling(boolean on) {
    this.sampling = on;
  }

  @Override
  public int process(Link head, Tasklet tasklet, int budget) {
    if (entries == null) {
      bind(head, null);
    }
    int processed = 0;
    if (aligning >= 0) {
      CheckpointCoordinator cc = tasklet.checkpoints();
      if (cc != null && cc.aborted >= aligning) {
        abandonAlignment(); // aborted: read every channel again
      }
    }
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
        cursor = polledCursor;
      }
      Object[] items = b.items;
      long[] ts = b.timestamps;
      boolean keyed = b.keys != null;
      int size = b.size;
      int i = cursor;
      int q = currentChannel;
      Link entry = entries[q];
      while (i < size) {
        Object it = items[i];
        long t = ts[i];
        i++;
        if (it == Control.BARRIER) {
          if (onBarrier(q, t, tasklet)) {
            // this channel waits for the others: hold the rest of its batch
            processed += i - cursor;
            if (i < size) {
              held[q] = b;
              heldCursor[q] = i;
            } else {
              channels[q].recycle(b);
            }
            current = null;
            cursor = 0;
            break;
          }
        } else if (it instanceof Control) {
          onControl((Control) it, t, q, head);
          if (it == Control.END && aligning >= 0 && aligned()) {
            passAligned(tasklet);
          }
        } else {
          if (idle[q]) {
            idle[q] = false;
            outputIdle = false;
          }
          if (keyed) {
            deliverKeyed(entry, b, i - 1, it, t, false);
          } else {
            entry.onEvent(it, t);
          }
        }
        if (tasklet.isBlocked()) {
          break;
        }
      }
      if (current == null) {
        continue; // the batch was held at a barrier
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
      cursor = polledCursor;
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
    if (current.keys != null) {
      deliverKeyed(entries[q], current, cursor, it, current.timestamps[cursor], true);
    } else {
      entries[q].onEventTimed(it, current.timestamps[cursor]);
    }
    cursor++;
    if (cursor == current.size) {
      channels[q].recycle(current);
      current = null;
    }
    return 1;
  }

  private Batch pollNext() {
    polledCursor = 0;
    for (int q = 0; q < held.length; q++) {
      Batch h = held[q];
      if (h != null && !barrierIn[q]) { // released: resume it before the channel's next batch
        held[q] = null;
        currentChannel = q;
        polledCursor = heldCursor[q];
        return h;
      }
    }
    for (int q : firstChannels) {
      if (!ended[q] && !barrierIn[q]) {
        Batch b = channels[q].data.relaxedPoll();
        if (b != null) {
          currentChannel = q;
          return b;
        }
      }
    }
    int n = channels.length;
    for (int k = 0; k < n; k++) {
      int q = nextChannel;
      nextChannel = q + 1 == n ? 0 : q + 1;
      if (ended[q] || readFirst[q] || barrierIn[q]) {
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

  /**
   * The barrier of checkpoint {@code id} arrived on channel {@code q}.
   *
   * @return true if the channel must wait for the others (its batch is held)
   */
  private boolean onBarrier(int q, long id, Tasklet tasklet) {
    if (id <= barriersDoneUpTo) {
      return false; // of a checkpoint already passed or abandoned
    }
    if (aligning >= 0 && id != aligning) {
      abandonAlignment(); // a newer checkpoint: the older one was aborted
    }
    aligning = id;
    barrierIn[q] = true;
    if (aligned()) {
      passAligned(tasklet);
      return false;
    }
    return true;
  }

  /** True when every channel has delivered the barrier being aligned or has ended. */
  private boolean aligned() {
    for (int q = 0; q < channels.length; q++) {
      if (!barrierIn[q] && !ended[q]) {
        return false;
      }
    }
    return true;
  }

  private void passAligned(Tasklet tasklet) {
    long id = aligning;
    barriersDoneUpTo = id;
    aligning = -1;
    java.util.Arrays.fill(barrierIn, false);
    tasklet.passBarrier(id, new CheckpointParts(id, false));
  }

  private void abandonAlignment() {
    barriersDoneUpTo = Math.max(barriersDoneUpTo, aligning);
    aligning = -1;
    java.util.Arrays.fill(barrierIn, false);
  }

  private void onControl(Control c, long value, int q, Link head) {
    if (c == Control.END) {
      ended[q] = true;
      endedCount++;
      advance(head);
    } else if (!holdsEventTime[q]) {
      // a broadcast input's watermarks and idleness do not concern the stage's event time
    } else if (c == Control.WATERMARK) {
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
    }
  }

  private boolean allLiveIdle() {
    boolean anyLive = false;
    for (int q = 0; q < channels.length; q++) {
      if (holdsEventTime[q] && !ended[q]) {
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
    boolean allEnded = true;
    for (int q = 0; q < channels.length; q++) {
      if (holdsEventTime[q] && !ended[q]) {
        allEnded = false;
        if (!idle[q]) {
          anyActive = true;
          min = Math.min(min, watermarks[q]);
        }
      }
    }
    if (!anyActive) {
      if (!allEnded) {
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
