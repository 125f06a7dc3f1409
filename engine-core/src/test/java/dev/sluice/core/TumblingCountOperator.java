package dev.sluice.core;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import java.util.HashMap;
import java.util.Map;

/**
 * Test-only event-time tumbling window count: proves keyed state and timers. Emits {@code
 * WindowCount(key, windowStart, count)} with timestamp {@code windowEnd - 1} when the watermark
 * passes the window's end. Late events (window already fired) are counted and dropped.
 */
final class TumblingCountOperator<K> implements KeyedOperator<K, Object, TumblingCountOperator.WindowCount<K>> {

  record WindowCount<K>(K key, long windowStart, long count) {}

  private final long size;
  private KeyedState<K, Map<Long, long[]>> windows;
  private KeyedOperatorContext<K> context;
  long late;

  TumblingCountOperator(long size) {
    this.size = size;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.windows = context.state("windows", HashMap::new);
  }

  @Override
  public void onEvent(K key, Object event, long timestamp, Output<WindowCount<K>> output) {
    long start = Math.floorDiv(timestamp, size) * size;
    long end = start + size;
    if (end - 1 <= context.timers().currentWatermark()) {
      late++;
      return;
    }
    long[] c = windows.getOrCreate(key).computeIfAbsent(start, s -> new long[1]);
    if (c[0]++ == 0) {
      context.timers().registerEventTimeTimer(key, end - 1);
    }
  }

  @Override
  public void onTimer(K key, long time, Output<WindowCount<K>> output) {
    long start = time + 1 - size;
    Map<Long, long[]> perKey = windows.get(key);
    long[] c = perKey.remove(start);
    if (perKey.isEmpty()) {
      windows.remove(key);
    }
    output.emit(new WindowCount<>(key, start, c[0]), time);
  }
}
