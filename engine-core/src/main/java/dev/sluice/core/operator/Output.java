package dev.sluice.core.operator;

/**
 * Where an operator emits its results.
 *
 * <p><b>Threading:</b> call only from inside the operator callback that received it, on the
 * calling thread. <b>Capacity:</b> an emit never blocks and never refuses: when downstream is
 * full the runtime keeps the results of the current call and stops feeding the operator new
 * input until they are delivered, so an operator may emit any bounded number of results per
 * input. <b>Allocation:</b> none in the runtime when downstream has room.
 *
 * @param <T> the type of emitted events
 */
public interface Output<T> {

  /** Emits {@code event} with the timestamp of the input being processed. */
  void emit(T event);

  /** Emits {@code event} with an explicit event-time {@code timestamp}. */
  void emit(T event, long timestamp);
}
