package dev.sluice.connectors.kafka;

/**
 * Where a Kafka source starts reading a partition for which it has neither a restored checkpoint
 * position nor a committed offset of its consumer group (Kafka Streams' {@code
 * auto.offset.reset} semantics: a group that has committed continues where it left off).
 *
 * <p>Order of precedence on every partition assignment: the offset from a restored checkpoint,
 * then the group's committed offset, then this position. To read a topic again from the start,
 * use a new {@code group.id}.
 *
 * @param kind which position
 * @param timestampMillis for {@link Kind#TIMESTAMP}: the first record at or after this time
 */
public record StartPosition(Kind kind, long timestampMillis) {

  /** The kinds of start position. */
  public enum Kind {
    /** The earliest offset still in the log. */
    EARLIEST,
    /** The end of the log: only records produced after the assignment. */
    LATEST,
    /** The first record whose timestamp is at or after a time; the end if there is none. */
    TIMESTAMP
  }

  /** The earliest offset still in the log (the default). */
  public static StartPosition earliest() {
    return new StartPosition(Kind.EARLIEST, 0);
  }

  /** The end of the log. */
  public static StartPosition latest() {
    return new StartPosition(Kind.LATEST, 0);
  }

  /** The first record with a timestamp at or after {@code timestampMillis}. */
  public static StartPosition timestamp(long timestampMillis) {
    return new StartPosition(Kind.TIMESTAMP, timestampMillis);
  }
}
