package dev.sluice.cep.join.internal;

import dev.sluice.cep.join.JoinFunction;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.function.Function;

/**
 * Stream–table join with the table kept from a changelog (second input): an upsert replaces the
 * key's row, a change whose row is {@code null} deletes it, and with a TTL a row expires when the
 * watermark passes its last change plus the TTL. A stream event (first input) is joined with the
 * key's row at the moment it is processed. Without a row it is emitted with {@code null} (left
 * join) or not at all (inner join) — unless waiting is on: then it waits in keyed state until a
 * row arrives (and is joined with it) or until the watermark passes its time plus the wait.
 */
public final class ChangelogJoinOperator<K> implements KeyedTwoInputOperator<K, Object, Object, Object> {
  /** No waiting: a stream event without a row is decided at once. */
  public static final long NO_WAIT = -1;

  private final Function<Object, Object> rowFn;
  private final JoinFunction<Object, Object, Object> fn;
  private final boolean left;
  private final long ttlMillis;
  private final long waitMillis;
  private final StateCodec<Object> streamCodec;
  private final StateCodec<Object> rowCodec;
  private KeyedState<K, TableRow> rows;
  private KeyedState<K, SideBuffers> waiting;
  private TimerService<K> timers;
  private KeyedOperatorContext<K> context;

  /**
   * @param ttlMillis 0 for rows that never expire
   * @param waitMillis {@link #NO_WAIT}, or how long past its time a stream event waits for a row
   */
  public ChangelogJoinOperator(
      Function<Object, Object> rowFn,
      JoinFunction<Object, Object, Object> fn,
      boolean left,
      long ttlMillis,
      long waitMillis,
      StateCodec<Object> streamCodec,
      StateCodec<Object> rowCodec) {
    this.rowFn = rowFn;
    this.fn = fn;
    this.left = left;
    this.ttlMillis = ttlMillis;
    this.waitMillis = waitMillis;
    this.streamCodec = streamCodec;
    this.rowCodec = rowCodec;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.rows = context.state(ValueStateDescriptor.of("join-table-rows", new TableRow.Codec(rowCodec)));
    this.waiting =
        context.state(
            ValueStateDescriptor.of(
                "join-table-waiting", new SideBuffers.Codec(streamCodec, rowCodec)));
    this.timers = context.timers();
  }

  @Override
  public void onEvent1(K key, Object event, long timestamp, Output<Object> output) throws Exception {
    TableRow row = rows.get(key);
    if (row != null) {
      WindowJoinOperator.emit(fn.join(event, row.value()), timestamp, output);
      return;
    }
    if (waitMillis >= 0) {
      long until = IntervalJoinOperator.plus(timestamp, waitMillis);
      if (until > context.currentWatermark()) {
        SideBuffers b = waiting.getForUpdate(key);
        if (b == null) {
          b = new SideBuffers();
          waiting.put(key, b);
        }
        b.addLeft(event, timestamp);
        timers.registerEventTimeTimer(key, until);
        return;
      }
    }
    if (left) {
      WindowJoinOperator.emit(fn.join(event, null), timestamp, output);
    }
  }

  @Override
  public void onEvent2(K key, Object change, long timestamp, Output<Object> output) throws Exception {
    Object value = rowFn.apply(change);
    if (value == null) {
      rows.remove(key);
      return;
    }
    rows.put(key, new TableRow(value, timestamp));
    SideBuffers b = waiting.get(key);
    if (b != null) {
      waiting.remove(key);
      for (int i = 0; i < b.leftCount(); i++) {
        long t = Math.max(b.leftTime(i), timestamp);
        timers.deleteEventTimeTimer(key, IntervalJoinOperator.plus(b.leftTime(i), waitMillis));
        WindowJoinOperator.emit(fn.join(b.left(i), value), t, output);
      }
    }
    if (ttlMillis > 0) { // after the deletions above, which could share its time
      timers.registerEventTimeTimer(key, IntervalJoinOperator.plus(timestamp, ttlMillis));
    }
  }

  @Override
  public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<Object> output)
      throws Exception {
    if (ttlMillis > 0) {
      TableRow row = rows.get(key);
      if (row != null && IntervalJoinOperator.plus(row.time(), ttlMillis) <= time) {
        rows.remove(key);
      }
    }
    SideBuffers b = waiting.getForUpdate(key);
    if (b == null) {
      return;
    }
    boolean last = time == Long.MAX_VALUE;
    int kept = 0;
    for (int i = 0; i < b.leftCount(); i++) {
      long until = IntervalJoinOperator.plus(b.leftTime(i), waitMillis);
      if (last || until <= time) {
        if (left) {
          WindowJoinOperator.emit(fn.join(b.left(i), null), until, output);
        }
      } else {
        kept++;
      }
    }
    if (kept == 0) {
      waiting.remove(key);
    } else {
      b.expireLeft(IntervalJoinOperator.minus(time, waitMillis));
    }
  }
}
