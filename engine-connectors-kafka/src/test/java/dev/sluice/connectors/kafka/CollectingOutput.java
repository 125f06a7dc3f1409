package dev.sluice.connectors.kafka;

import dev.sluice.core.SourceOutput;
import java.util.ArrayList;
import java.util.List;

/** Collects what a reader emits, with timestamps. */
final class CollectingOutput<T> implements SourceOutput<T> {
  final List<T> events = new ArrayList<>();
  final List<Long> timestamps = new ArrayList<>();
  final List<Long> watermarks = new ArrayList<>();
  int idleMarks;

  @Override
  public void emitWatermark(long watermark) {
    watermarks.add(watermark);
  }

  @Override
  public void markIdle() {
    idleMarks++;
  }

  @Override
  public void emit(T event) {
    emit(event, Long.MIN_VALUE);
  }

  @Override
  public void emit(T event, long timestamp) {
    events.add(event);
    timestamps.add(timestamp);
  }
}
