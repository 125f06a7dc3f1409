package dev.sluice.core.metrics;

/**
 * An event that knows its size, so sources can report bytes per second. {@code byte[]} events
 * are measured without it.
 */
public interface Sized {
  /** The event's size in bytes (for example its encoded length). */
  int sizeBytes();
}
