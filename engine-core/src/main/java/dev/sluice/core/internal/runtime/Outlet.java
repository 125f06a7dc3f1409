package dev.sluice.core.internal.runtime;

import dev.sluice.core.state.KeyGroups;
import java.util.function.ToLongFunction;
import java.util.function.Function;

/**
 * The tail of a chain that feeds queues: routes each event to the outbound edges (one per
 * consuming chain) and each edge's channel writers, by forward, hash, round-robin or broadcast.
 * Control items go to every writer.
 *
 * <p>An outlet is also a side port: the queue end of one side output of an operator anywhere in
 * the chain. As the chain's tail or as a side port, while it holds spilled items it closes the
 * tasklet's {@link Gate} (see {@link #syncGate()}): the tasklet stops taking input, and the
 * per-event blocking check stays the one field the tasklet reads.
 */
final class Outlet extends Link {

  /** Routing of one outbound edge. */
  enum Routing {
    FORWARD,
    HASH,
    ROUND_ROBIN,
    BROADCAST
  }

  /** One outbound edge of this producer instance. */
  static final class Edge {
    final Routing routing;
    final ChannelWriter[] writers;
    final Function<Object, Object> keyFn;
    /** The consumer's number of key groups (HASH edges). */
    final int maxParallelism;
    /** Routes without boxing when the consumer is keyed by primitive longs; else null. */
    final ToLongFunction<Object> longKeyFn;
    int next;

    Edge(Routing routing, ChannelWriter[] writers, Function<Object, Object> keyFn) {
      this(routing, writers, keyFn, KeyGroups.DEFAULT_MAX_PARALLELISM);
    }

    Edge(
        Routing routing,
        ChannelWriter[] writers,
        Function<Object, Object> keyFn,
        int maxParallelism) {
      this(routing, writers, keyFn, maxParallelism, null);
    }

    Edge(
        Routing routing,
        ChannelWriter[] writers,
        Function<Object, Object> keyFn,
        int maxParallelism,
        ToLongFunction<Object> longKeyFn) {
      this.routing = routing;
      this.writers = writers;
      this.keyFn = keyFn;
      this.maxParallelism = maxParallelism;
      this.longKeyFn = longKeyFn;
    }
  }

  private Edge[] edges = new Edge[0];
  private ChannelWriter[] allWriters = new ChannelWriter[0];
  /** How many writers hold spilled items; the tasklet stops taking input while above zero. */
  int spilledWriters;
  /** For a side port: the tasklet's gate, closed while this outlet holds spilled items. */
  private Gate gate;
  private boolean holdsGate;

  Outlet() {
    super(null);
  }

  void addEdge(Edge edge) {
    Edge[] e = java.util.Arrays.copyOf(edges, edges.length + 1);
    e[edges.length] = edge;
    edges = e;
    ChannelWriter[] w = java.util.Arrays.copyOf(allWriters, allWriters.length + edge.writers.length);
    System.arraycopy(edge.writers, 0, w, allWriters.length, edge.writers.length);
    allWriters = w;
  }

  ChannelWriter[] writers() {
    return allWriters;
  }

  /** Makes this outlet a side port that closes {@code g} while it holds spilled items. */
  void useGate(Gate g) {
    this.gate = g;
  }

  /**
   * For a side port: closes the gate if a writer spilled, opens it once none holds spilled
   * items. Called after every side emission and control item, and after draining.
   */
  @Override
  void syncGate() {
    boolean spilled = spilledWriters > 0;
    if (spilled != holdsGate && gate != null) {
      holdsGate = spilled;
      gate.closedBy += spilled ? 1 : -1;
    }
  }

  /** A writer's spill became non-empty: the outlet is blocked (and its gate closed). */
  void writerSpilled() {
    spilledWriters++;
    syncGate();
  }

  /** A writer's spill became empty again. */
  void writerDrained() {
    spilledWriters--;
    syncGate();
  }

  /** Tells every channel this outlet writes which tasklet produces into it (for wake-ups). */
  void setProducer(Tasklet producer) {
    for (ChannelWriter w : allWriters) {
      w.channel().producer = producer;
    }
  }

  @Override
  void onEvent(Object item, long timestamp) {
    Edge[] es = edges;
    for (int i = 0; i < es.length; i++) {
      route(es[i], item, timestamp);
    }
  }

  private static void route(Edge e, Object item, long timestamp) {
    ChannelWriter[] ws = e.writers;
    switch (e.routing) {
      case FORWARD -> ws[0].emit(item, timestamp);
      case HASH -> routeByKey(e, ws, item, timestamp);
      case ROUND_ROBIN -> {
        int n = e.next;
        ws[n].emit(item, timestamp);
        e.next = n + 1 == ws.length ? 0 : n + 1;
      }
      case BROADCAST -> {
        for (ChannelWriter w : ws) {
          w.emit(item, timestamp);
        }
      }
    }
  }

  /**
   * Routes by key group and hands the key and its group to the consumer with the event, so the
   * key function runs once per event. With one consumer every key goes there: the key function
   * (and its boxing) is skipped, and the consumer computes the key itself. A key function that
   * throws does not fail the sender: the event goes to the first consumer with the error in
   * place of the key, and the consumer throws it under its own error policy.
   */
  private static void routeByKey(Edge e, ChannelWriter[] ws, Object item, long timestamp) {
    if (ws.length == 1) {
      ws[0].emitKeyed(item, null, KeyedOperatorLink.NO_KEY, timestamp);
      return;
    }
    Object key;
    int group;
    try {
      if (e.longKeyFn != null) {
        // a primitive key: routed by its group, not boxed; the consumer recomputes it
        key = null;
        group = KeyGroups.groupOfLong(e.longKeyFn.applyAsLong(item), e.maxParallelism);
      } else {
        key = e.keyFn.apply(item);
        group = KeyGroups.groupOf(key, e.maxParallelism);
      }
    } catch (RuntimeException | Error failure) {
      ws[0].emitKeyed(item, failure, KeyedOperatorLink.KEY_FAILED, timestamp);
      return;
    }
    ws[KeyGroups.instanceFor(group, ws.length, e.maxParallelism)]
        .emitKeyed(item, key, group, timestamp);
  }

  @Override
  void onWatermark(long watermark) {
    for (ChannelWriter w : allWriters) {
      w.emitControl(Control.WATERMARK, watermark);
    }
  }

  /** A barrier goes to every writer, in order with the events before it. */
  @Override
  void onBarrier(long checkpointId, CheckpointParts parts) {
    for (ChannelWriter w : allWriters) {
      w.emitControl(Control.BARRIER, checkpointId);
    }
  }

  @Override
  void onIdle() {
    for (ChannelWriter w : allWriters) {
      w.emitControl(Control.IDLE, 0);
    }
  }

  @Override
  void onEnd() {
    for (ChannelWriter w : allWriters) {
      w.emitControl(Control.END, 0);
    }
  }

  @Override
  void onEndOfBatch() {}

  @Override
  void onIdleCheck(long nowNanos) {}

  @Override
  boolean isBlocked() {
    return spilledWriters > 0;
  }

  @Override
  boolean tryUnblock() {
    if (spilledWriters == 0) {
      return true;
    }
    for (ChannelWriter w : allWriters) {
      w.drainSpill();
    }
    syncGate();
    return spilledWriters == 0;
  }

  @Override
  void flushPartial() {
    for (ChannelWriter w : allWriters) {
      w.flushPartial();
    }
  }

  @Override
  boolean isFlushed() {
    for (ChannelWriter w : allWriters) {
      if (!w.isFlushed()) {
        return false;
      }
    }
    return true;
  }
}
