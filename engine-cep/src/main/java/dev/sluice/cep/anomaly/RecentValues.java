package dev.sluice.cep.anomaly;

/**
 * A read-only view of one key's window of recent values, oldest first, as a {@link Detector}
 * sees it.
 *
 * <p><b>Lifetime:</b> valid only during the detector call that received it; do not keep it.
 * <b>Threading:</b> used on the operator's thread only. <b>Allocation:</b> none.
 */
public interface RecentValues {

  /** How many values the window holds. */
  int size();

  /**
   * The value at {@code index}, 0 being the oldest and {@code size() - 1} the newest.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  double value(int index);

  /**
   * The event time of the value at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  long timestamp(int index);

  /** The most values this window can hold (the count of a count window, the cap of a time window). */
  int capacity();
}
