package dev.sluice.cep.correlate.internal;

import dev.sluice.cep.correlate.CompletionRule;
import dev.sluice.cep.correlate.CorrelatedEvent;
import dev.sluice.cep.correlate.CorrelatedSet;
import dev.sluice.cep.correlate.CorrelationView;
import dev.sluice.core.Timestamps;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyed correlation operator: per key, the open sets of its tumbling event-time windows in
 * managed value state, one event-time timer per (key, window) at the window's last millisecond.
 */
public final class CorrelationOperator<K>
    implements KeyedOperator<Object, CorrelationInput, CorrelatedSet<K>> {
  private final String[] streamNames;
  private final List<StateCodec<Object>> codecs;
  private final long sizeMillis;
  private final CompletionRule rule;
  private final OutputTag<CorrelatedEvent> lateTag;

  private KeyedOperatorContext<Object> context;
  private KeyedState<Object, OpenSets> state;
  private Output<CorrelatedEvent> late;
  private final View view = new View();

  public CorrelationOperator(
      String[] streamNames,
      List<StateCodec<Object>> codecs,
      long sizeMillis,
      CompletionRule rule,
      OutputTag<CorrelatedEvent> lateTag) {
    this.streamNames = streamNames;
    this.codecs = codecs;
    this.sizeMillis = sizeMillis;
    this.rule = rule;
    this.lateTag = lateTag;
  }

  @Override
  public void open(KeyedOperatorContext<Object> context) {
    this.context = context;
    this.state = context.state(ValueStateDescriptor.of("correlation-sets", new OpenSetsCodec(codecs)));
    this.late = context.sideOutput(lateTag);
  }

  @Override
  public void onEvent(
      Object key, CorrelationInput in, long timestamp, Output<CorrelatedSet<K>> output) {
    if (timestamp == Timestamps.NONE) {
      throw new IllegalArgumentException(
          "correlation '" + context.stageName() + "': an event of stream '"
              + streamNames[in.stream()] + "' has no timestamp; add withTimestamps upstream");
    }
    long start = Math.floorDiv(timestamp, sizeMillis) * sizeMillis;
    long last = start + (sizeMillis - 1); // the window's last millisecond: its timer
    if (last <= context.currentWatermark()) {
      late.emit(new CorrelatedEvent(streamNames[in.stream()], key, in.event(), timestamp));
      return;
    }
    OpenSets sets = state.getForUpdate(key);
    if (sets == null) {
      sets = new OpenSets();
      state.put(key, sets);
    }
    SetBuffer set = sets.find(start);
    if (set == null) {
      set = new SetBuffer(start, streamNames.length, 4);
      sets.add(set);
      context.timers().registerEventTimeTimer(key, last);
    }
    set.insert(in.stream(), timestamp, in.event());
    if (rule != null && complete(key, set)) {
      output.emit(toResult(key, set, true));
      sets.remove(start);
      context.timers().deleteEventTimeTimer(key, last);
      if (sets.count == 0) {
        state.remove(key);
      }
    }
  }

  private boolean complete(Object key, SetBuffer set) {
    view.key = key;
    view.set = set;
    try {
      return rule.isComplete(view);
    } finally {
      view.key = null;
      view.set = null;
    }
  }

  @Override
  public void onTimer(Object key, long time, Output<CorrelatedSet<K>> output) {
    OpenSets sets = state.getForUpdate(key);
    if (sets == null) {
      return;
    }
    long start = time - (sizeMillis - 1);
    SetBuffer set = sets.find(start);
    if (set == null) {
      return;
    }
    output.emit(toResult(key, set, false));
    sets.remove(start);
    if (sets.count == 0) {
      state.remove(key);
    }
  }

  @SuppressWarnings("unchecked")
  private CorrelatedSet<K> toResult(Object key, SetBuffer set, boolean complete) {
    List<CorrelatedEvent> events = new ArrayList<>(set.size);
    for (int i = 0; i < set.size; i++) {
      events.add(new CorrelatedEvent(streamNames[set.streams[i]], key, set.events[i], set.times[i]));
    }
    return new CorrelatedSet<>((K) key, set.start, set.start + sizeMillis, events, complete);
  }

  /** The rule's view of the set being checked; bound for the duration of one call. */
  private final class View implements CorrelationView {
    Object key;
    SetBuffer set;

    @Override
    public Object key() {
      return key;
    }

    @Override
    public int size() {
      return set.size;
    }

    @Override
    public int streams() {
      return streamNames.length;
    }

    @Override
    public String streamName(int index) {
      return streamNames[index];
    }

    @Override
    public int count(int streamIndex) {
      return set.counts[streamIndex];
    }

    @Override
    public int stream(int i) {
      check(i);
      return set.streams[i];
    }

    @Override
    public Object event(int i) {
      check(i);
      return set.events[i];
    }

    @Override
    public long timestamp(int i) {
      check(i);
      return set.times[i];
    }

    private void check(int i) {
      if (i < 0 || i >= set.size) {
        throw new IndexOutOfBoundsException("event " + i + " of a set of " + set.size);
      }
    }
  }
}
