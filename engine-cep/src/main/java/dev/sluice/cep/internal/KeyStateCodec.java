package dev.sluice.cep.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes a {@link KeyState} with the user's event codec: held events, then per rule its partial
 * matches and shared buffer (slot arrays as they are, free lists included, so a restored buffer
 * is the same buffer). Deterministic and stateless.
 */
final class KeyStateCodec implements StateCodec<KeyState> {
  private static final int VERSION = 1;
  private final StateCodec<Object> events;

  @SuppressWarnings("unchecked")
  KeyStateCodec(StateCodec<?> events) {
    this.events = (StateCodec<Object>) events;
  }

  @Override
  public String formatId() {
    return "sluice-cep-key-state/v" + VERSION + "(" + events.formatId() + ")";
  }

  @Override
  public void encode(KeyState s, DataOutput out) throws IOException {
    out.writeInt(s.held);
    for (int i = 0; i < s.held; i++) {
      out.writeLong(s.heldTimes[i]);
      events.encode(s.heldEvents[i], out);
    }
    out.writeLong(s.nextOrdinal);
    out.writeInt(s.ruleCount);
    for (int k = 0; k < s.ruleCount; k++) {
      RuleState r = s.rules[k];
      out.writeUTF(r.ruleId);
      out.writeLong(r.version);
      out.writeInt(r.size);
      for (int i = 0; i < r.size; i++) {
        out.writeInt(r.state[i]);
        out.writeInt(r.node[i]);
        out.writeInt(r.alive[i]);
        out.writeLong(r.startTime[i]);
        out.writeLong(r.startOrdinal[i]);
      }
      SharedBuffer b = r.buffer;
      out.writeInt(b.nodeHigh);
      out.writeInt(b.nodeFree);
      out.writeInt(b.nodeLive);
      for (int i = 0; i < b.nodeHigh; i++) {
        out.writeInt(b.nodeEvent[i]);
        out.writeInt(b.nodeBinding[i]);
        out.writeInt(b.nodePrev[i]);
        out.writeInt(b.nodeRefs[i]);
      }
      out.writeInt(b.eventHigh);
      out.writeInt(b.eventFree);
      out.writeInt(b.eventLive);
      for (int i = 0; i < b.eventHigh; i++) {
        out.writeInt(b.eventRefs[i]);
        out.writeLong(b.eventTime[i]);
        out.writeLong(b.eventOrdinal[i]);
        out.writeBoolean(b.events[i] != null);
        if (b.events[i] != null) {
          events.encode(b.events[i], out);
        }
      }
    }
  }

  @Override
  public KeyState decode(DataInput in) throws IOException {
    KeyState s = new KeyState();
    int held = in.readInt();
    s.heldEvents = new Object[Math.max(2, held)];
    s.heldTimes = new long[Math.max(2, held)];
    for (int i = 0; i < held; i++) {
      s.heldTimes[i] = in.readLong();
      s.heldEvents[i] = events.decode(in);
    }
    s.held = held;
    s.nextOrdinal = in.readLong();
    int ruleCount = in.readInt();
    s.rules = new RuleState[ruleCount];
    s.ruleCount = ruleCount;
    for (int k = 0; k < ruleCount; k++) {
      String id = in.readUTF();
      long version = in.readLong();
      SharedBuffer b = new SharedBuffer();
      RuleState r = new RuleState(id, version, b);
      int size = in.readInt();
      for (int i = 0; i < size; i++) {
        r.add(in.readInt(), in.readInt(), in.readInt(), in.readLong(), in.readLong());
      }
      int nodes = in.readInt();
      b.nodeFree = in.readInt();
      b.nodeLive = in.readInt();
      int cap = Math.max(4, nodes);
      b.nodeEvent = new int[cap];
      b.nodeBinding = new int[cap];
      b.nodePrev = new int[cap];
      b.nodeRefs = new int[cap];
      for (int i = 0; i < nodes; i++) {
        b.nodeEvent[i] = in.readInt();
        b.nodeBinding[i] = in.readInt();
        b.nodePrev[i] = in.readInt();
        b.nodeRefs[i] = in.readInt();
      }
      b.nodeHigh = nodes;
      int evs = in.readInt();
      b.eventFree = in.readInt();
      b.eventLive = in.readInt();
      cap = Math.max(4, evs);
      b.events = new Object[cap];
      b.eventTime = new long[cap];
      b.eventOrdinal = new long[cap];
      b.eventRefs = new int[cap];
      for (int i = 0; i < evs; i++) {
        b.eventRefs[i] = in.readInt();
        b.eventTime[i] = in.readLong();
        b.eventOrdinal[i] = in.readLong();
        if (in.readBoolean()) {
          b.events[i] = events.decode(in);
        }
      }
      b.eventHigh = evs;
      s.rules[k] = r;
    }
    return s;
  }
}
