package dev.sluice.core.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bookkeeping for a source that acknowledges messages to its broker only once a checkpoint that
 * covers them completes (MQTT, Redis Streams, JetStream): messages emitted since the last barrier
 * are collected, {@link #barrier} closes them into the group of that checkpoint, and {@link
 * #complete} hands every group up to the completed checkpoint to an acknowledging callback.
 * Groups of aborted checkpoints stay until a later checkpoint completes (it covers them).
 *
 * <p>Without checkpoints a reader calls {@link #drainOpen} after each {@code read} instead, to
 * acknowledge what it has just handed to the engine.
 *
 * <p><b>Threading:</b> not thread-safe; used by the reader's thread only (which is where the
 * runtime calls {@link CheckpointedReader#snapshotState} and {@link
 * CheckpointListener#checkpointComplete}). {@link #size()} may be read from another thread
 * approximately.
 *
 * @param <A> the handle needed to acknowledge one message (an id, a message object)
 */
public final class PendingAcknowledgements<A> {

  private record Group<A>(long checkpointId, List<A> items) {}

  private List<A> open = new ArrayList<>();
  private final ArrayDeque<Group<A>> closed = new ArrayDeque<>();
  private volatile int size;

  /** An empty record of acknowledgements. */
  public PendingAcknowledgements() {}

  /** Records a message emitted now, to acknowledge later. */
  public void add(A handle) {
    open.add(handle);
    size++;
  }

  /** Messages recorded and not yet handed out for acknowledgement. */
  public int size() {
    return size;
  }

  /** The barrier of {@code checkpointId} passed: what was emitted so far belongs to it. */
  public void barrier(long checkpointId) {
    if (!open.isEmpty()) {
      closed.addLast(new Group<>(checkpointId, open));
      open = new ArrayList<>();
    }
  }

  /**
   * Checkpoint {@code checkpointId} completed: hands every message of it and of earlier
   * checkpoints to {@code acknowledge}, in emission order.
   *
   * @return the number handed out
   */
  public int complete(long checkpointId, Consumer<? super A> acknowledge) {
    int n = 0;
    while (!closed.isEmpty() && closed.peekFirst().checkpointId() <= checkpointId) {
      for (A a : closed.pollFirst().items()) {
        acknowledge.accept(a);
        n++;
      }
    }
    size -= n;
    return n;
  }

  /**
   * Hands every message recorded since the last barrier to {@code acknowledge} (acknowledgement
   * on hand-over, without checkpoints).
   *
   * @return the number handed out
   */
  public int drainOpen(Consumer<? super A> acknowledge) {
    int n = open.size();
    for (int i = 0; i < n; i++) {
      acknowledge.accept(open.get(i));
    }
    open.clear();
    size -= n;
    return n;
  }
}
