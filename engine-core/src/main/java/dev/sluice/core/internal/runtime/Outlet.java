package dev.sluice.core.internal.runtime;

import java.util.function.Function;

/**
 * The tail of a chain that feeds queues: routes each event to the outbound edges (one per
 * consuming chain) and each edge's channel writers, by forward, hash, round-robin or broadcast.
 * Control items go to every writer.
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
    int next;

    Edge(Routing routing, ChannelWriter[] writers, Function<Object, Object> keyFn) {
      this.routing = routing;
      this.writers = writers;
      this.keyFn = keyFn;
    }
  }

  private Edge[] edges = new Edge[0];
  private ChannelWriter[] allWriters = new ChannelWriter[0];
  /** How many writers hold spilled items; the tasklet stops taking input while above zero. */
  int spilledWriters;

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
      // one consumer: every key goes there, so the key function (and its boxing) is skipped
      case HASH -> (ws.length == 1 ? ws[0] : ws[partition(e.keyFn.apply(item), ws.length)])
          .emit(item, timestamp);
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

  /** The partition of a key among {@code n} instances: a spread hash, never negative. */
  static int partition(Object key, int n) {
    if (n == 1) {
      return 0;
    }
    int h = key == null ? 0 : key.hashCode();
    h ^= (h >>> 16);
    h *= 0x85ebca6b;
    h ^= (h >>> 13);
    return (h & 0x7fffffff) % n;
  }

  @Override
  void onWatermark(long watermark) {
    for (ChannelWriter w : allWriters) {
      w.emitControl(Control.WATERMARK, watermark);
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
