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
   * The value at {@code index}, 0 being the oldest and {@code size() - 1} the newest (its first
   * feature when the stage extracts several).
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  double value(int index);

  /** How many features each value has (1 unless the stage extracts several). */
  int dimensions();

  /**
   * Feature {@code dimension} of the value at {@code index}.
   *
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  double value(int index, int dimension);

  /**
   * The event time of the value at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  long timestamp(int index);

  /** The most values this window can hold (the count of a count window, the cap of a time window). */
  int capacity();
}
