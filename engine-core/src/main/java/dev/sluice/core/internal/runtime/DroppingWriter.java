package dev.sluice.core.internal.runtime;

/**
 * A sink writer that may accept an event without writing it (a circuit-breaking sink under
 * {@code WhileOpen.DROP}). The sink stage asks after each accepted offer and counts such an event
 * as dropped, not written. Called on the writer's thread only.
 */
public interface DroppingWriter {

  /** True if the last offer that returned true dropped its event instead of writing it. */
  boolean droppedLast();
}
