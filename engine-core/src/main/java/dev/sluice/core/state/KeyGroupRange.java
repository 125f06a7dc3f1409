package dev.sluice.core.state;

/**
 * A contiguous, inclusive range of key groups, owned by one instance of a keyed stage.
 *
 * @param start the first key group
 * @param end the last key group, inclusive; {@code end < start} for an empty range
 */
public record KeyGroupRange(int start, int end) {

  /** True if {@code keyGroup} is in the range. */
  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  /** How many key groups the range holds. */
  public int size() {
    return Math.max(0, end - start + 1);
  }

  @Override
  public String toString() {
    return "[" + start + ".." + end + "]";
  }
}
