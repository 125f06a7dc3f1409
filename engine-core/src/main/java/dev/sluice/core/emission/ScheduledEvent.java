package dev.sluice.core.emission;

import dev.sluice.core.metrics.Sized;

/**
 * An event emitted by an {@link EmissionSource}, stamped with the time it was <em>meant</em> to
 * be emitted. Latency measured from {@link #intendedNanos()} includes any time the event waited
 * because the pipeline was behind, so a stall shows in the latency of every event scheduled
 * during it (no coordinated omission).
 *
 * @param sequence 0-based position in the schedule
 * @param intendedNanos intended emission time on the schedule's clock ({@link
 *     EmissionClock#nanoTime()})
 * @param intendedEpochMillis the same time as wall-clock milliseconds (also the event's
 *     timestamp)
 * @param payload the generated payload
 * @param <T> payload type
 */
public record ScheduledEvent<T>(long sequence, long intendedNanos, long intendedEpochMillis, T payload)
    implements Sized {

  /** The payload's length if it is a {@code byte[]}, else 0. */
  @Override
  public int sizeBytes() {
    return payload instanceof byte[] b ? b.length : 0;
  }

  @Override
  public String toString() {
    String p =
        payload instanceof byte[] b
            ? new String(b, 0, Math.min(b.length, 120), java.nio.charset.StandardCharsets.UTF_8)
            : String.valueOf(payload);
    return "ScheduledEvent[" + sequence + ", " + p + "]";
  }
}
