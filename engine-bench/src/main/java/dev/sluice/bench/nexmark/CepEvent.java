package dev.sluice.bench.nexmark;

/**
 * An event of the CEP benchmark: a {@code type} ({@link #A}, {@link #B} or {@link #OTHER}) on a
 * {@code key} at {@code time} (event time, epoch milliseconds).
 *
 * <p>A POJO for Flink's serializer and a JavaBean for Esper (getters); never mutated after
 * generation.
 */
public final class CepEvent {
  /** The pattern's first event type. */
  public static final int A = 0;

  /** The pattern's second event type. */
  public static final int B = 1;

  /** Neither A nor B. */
  public static final int OTHER = 2;

  /** The key (0 to keys - 1). */
  public long key;
  /** {@link #A}, {@link #B} or {@link #OTHER}. */
  public int type;
  /** Event time, epoch milliseconds; no two events of one key have the same time. */
  public long time;

  /** For serializers. */
  public CepEvent() {}

  /** An event with every field given. */
  public CepEvent(long key, int type, long time) {
    this.key = key;
    this.type = type;
    this.time = time;
  }

  /** The key, for Esper. */
  public long getKey() {
    return key;
  }

  /** The type, for Esper. */
  public int getType() {
    return type;
  }

  /** The time, for Esper. */
  public long getTime() {
    return time;
  }

  @Override
  public String toString() {
    return "CepEvent{key=" + key + ", type=" + type + ", time=" + time + '}';
  }
}
