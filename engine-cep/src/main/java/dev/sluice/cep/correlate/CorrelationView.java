package dev.sluice.cep.correlate;

/**
 * A read-only view of a set being collected, for a {@link CompletionRule}: its events in the
 * order of {@link CorrelatedSet#events()}.
 *
 * <p><b>Lifetime:</b> valid only during the call that received it. <b>Allocation:</b> none.
 */
public interface CorrelationView {

  /** The correlation key. */
  Object key();

  /** How many events the set holds. */
  int size();

  /** The number of input streams of the stage. */
  int streams();

  /** The name of stream {@code index} (in declaration order). */
  String streamName(int index);

  /** How many events of the set came from stream {@code index}. */
  int count(int streamIndex);

  /** The stream index of event {@code i}. */
  int stream(int i);

  /** Event {@code i}. */
  Object event(int i);

  /** The timestamp of event {@code i}. */
  long timestamp(int i);
}
