package dev.sluice.cep.join.internal;

import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;

/**
 * Windowed join over a merging assigner (session windows): per key, the open sessions formed by
 * the events of both sides together. Each event's proto-window merges with every open session it
 * overlaps (an event exactly {@code gap} after a session's last event starts a new one); a
 * session fires when the watermark reaches its last instant. An event at or behind the watermark
 * is late (its session may already have fired) and goes to its side's late output.
 */
public final class SessionJoinOperator<K>
    implements KeyedTwoInputOperator<K, Object, Object, Object>, WindowCollector {
  private final WindowAssigner<Object> assigner;
  private final JoinSpec spec;
  private KeyedState<K, Sessions> sessions;
  private TimerService<K> timers;
  private KeyedOperatorContext<K> context;
  private Output<Object> lateLeft;
  private Output<Object> lateRight;

  private long protoStart;
  private long protoEnd;
  private int protoCount;

  public SessionJoinOperator(WindowAssigner<Object> assigner, JoinSpec spec) {
    this.assigner = assigner;
    this.spec = spec;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.sessions =
        context.state(
            ValueStateDescriptor.of("join-sessions", new Sessions.Codec(spec.buffersCodec()))
                .withInitial(Sessions::new));
    this.timers = context.timers();
    this.lateLeft = context.sideOutput(spec.lateLeft());
    this.lateRight = context.sideOutput(spec.lateRight());
  }

  @Override
  public void onEvent1(K key, Object event, long timestamp, Output<Object> output) {
    add(key, event, timestamp, true);
  }

  @Override
  public void onEvent2(K key, Object event, long timestamp, Output<Object> output) {
    add(key, event, timestamp, false);
  }

  @Override
  public void window(long start, long end) {
    protoStart = start;
    protoEnd = end;
    protoCount++;
  }

  private void add(K key, Object event, long timestamp, boolean left) {
    if (timestamp <= context.currentWatermark()) {
      (left ? lateLeft : lateRight).emit(event, timestamp);
      return;
    }
    protoCount = 0;
    assigner.assignWindows(event, timestamp, this);
    if (protoCount != 1) {
      throw new IllegalStateException(
          "a merging assigner must give each event exactly one proto-window; "
              + assigner
              + " gave "
              + protoCount);
    }
    Sessions all = sessions.getOrCreate(key);
    Sessions.Session target = null;
    long start = protoStart;
    long end = protoEnd;
    for (int i = 0; i < all.open.size(); ) {
      Sessions.Session s = all.open.get(i);
      if (s.start < end && start < s.end) {
        timers.deleteEventTimeTimer(key, s.end - 1);
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
        if (target == null) {
          target = s;
          i++;
        } else {
          target.events.absorb(s.events);
          all.open.remove(i);
        }
      } else {
        i++;
      }
    }
    if (target == null) {
      target = new Sessions.Session(start, end, new SideBuffers());
      all.open.add(target);
    }
    target.start = start;
    target.end = end;
    if (left) {
      target.events.addLeft(event, timestamp);
    } else {
      target.events.addRight(event, timestamp);
    }
    timers.registerEventTimeTimer(key, end - 1);
  }

  @Override
  public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<Object> output)
      throws Exception {
    Sessions all = sessions.getForUpdate(key);
    if (all == null) {
      return;
    }
    for (int i = 0; i < all.open.size(); ) {
      Sessions.Session s = all.open.get(i);
      if (s.end - 1 <= time) {
        all.open.remove(i);
        WindowJoinOperator.emitPairs(s.events, s.end - 1, spec, output);
      } else {
        i++;
      }
    }
    if (all.open.isEmpty()) {
      sessions.remove(key);
    }
  }
}
