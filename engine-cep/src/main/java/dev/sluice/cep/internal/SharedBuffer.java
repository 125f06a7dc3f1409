package dev.sluice.cep.internal;

import java.util.Arrays;

/**
 * The events of a key's partial matches for one rule, shared between them (Flink CEP's shared
 * buffer): each matched event is stored once, and a partial match is a pointer to its last
 * <em>node</em>, a (event, binding, previous node) triple; partial matches that branched from a
 * common prefix share its nodes. Nodes and events are reference-counted: a node counts the
 * partial matches and nodes pointing to it, an event the nodes holding it; at zero they are
 * freed (their slots reused through free lists).
 *
 * <p>Parallel primitive arrays, no entry objects: a node costs 16 bytes, an event slot 28 bytes
 * plus the event. Lives inside keyed state (a {@link KeyState}); single-threaded.
 */
final class SharedBuffer {
  static final int NONE = -1;

  // nodes
  int[] nodeEvent = new int[4];
  int[] nodeBinding = new int[4];
  int[] nodePrev = new int[4];
  int[] nodeRefs = new int[4];
  int nodeHigh; // slots ever used
  int nodeFree = NONE; // free list through nodePrev
  int nodeLive;

  // events
  Object[] events = new Object[4];
  long[] eventTime = new long[4];
  long[] eventOrdinal = new long[4];
  int[] eventRefs = new int[4];
  int eventHigh;
  int eventFree = NONE; // free list through eventRefs (negative-encoded)
  int eventLive;

  boolean isEmpty() {
    return nodeLive == 0 && eventLive == 0;
  }

  /** Stores an event with no reference yet; returns its slot. */
  int addEvent(Object event, long time, long ordinal) {
    int slot;
    if (eventFree != NONE) {
      slot = eventFree;
      eventFree = -eventRefs[slot] - 2;
    } else {
      slot = eventHigh++;
      if (slot == events.length) {
        int n = slot * 2;
        events = Arrays.copyOf(events, n);
        eventTime = Arrays.copyOf(eventTime, n);
        eventOrdinal = Arrays.copyOf(eventOrdinal, n);
        eventRefs = Arrays.copyOf(eventRefs, n);
      }
    }
    events[slot] = event;
    eventTime[slot] = time;
    eventOrdinal[slot] = ordinal;
    eventRefs[slot] = 0;
    eventLive++;
    return slot;
  }

  /** Frees an event slot that no node took (after a pass over the partial matches). */
  void releaseEventIfUnused(int slot) {
    if (eventRefs[slot] == 0) {
      freeEvent(slot);
    }
  }

  private void freeEvent(int slot) {
    events[slot] = null;
    eventRefs[slot] = -eventFree - 2;
    eventFree = slot;
    eventLive--;
  }

  /** A node for {@code eventSlot} bound to {@code binding} after {@code prev}; one reference. */
  int addNode(int eventSlot, int binding, int prev) {
    int slot;
    if (nodeFree != NONE) {
      slot = nodeFree;
      nodeFree = nodePrev[slot];
    } else {
      slot = nodeHigh++;
      if (slot == nodeEvent.length) {
        int n = slot * 2;
        nodeEvent = Arrays.copyOf(nodeEvent, n);
        nodeBinding = Arrays.copyOf(nodeBinding, n);
        nodePrev = Arrays.copyOf(nodePrev, n);
        nodeRefs = Arrays.copyOf(nodeRefs, n);
      }
    }
    nodeEvent[slot] = eventSlot;
    nodeBinding[slot] = binding;
    nodePrev[slot] = prev;
    nodeRefs[slot] = 1;
    eventRefs[eventSlot]++;
    if (prev != NONE) {
      nodeRefs[prev]++;
    }
    nodeLive++;
    return slot;
  }

  void retain(int node) {
    if (node != NONE) {
      nodeRefs[node]++;
    }
  }

  /** Drops one reference to {@code node}, freeing it and its unreferenced ancestors. */
  void release(int node) {
    while (node != NONE && --nodeRefs[node] == 0) {
      int prev = nodePrev[node];
      int ev = nodeEvent[node];
      if (--eventRefs[ev] == 0) {
        freeEvent(ev);
      }
      nodePrev[node] = nodeFree;
      nodeFree = node;
      nodeLive--;
      node = prev;
    }
  }

  /** The number of nodes from {@code node} back to the first. */
  int length(int node) {
    int n = 0;
    for (; node != NONE; node = nodePrev[node]) {
      n++;
    }
    return n;
  }
}
