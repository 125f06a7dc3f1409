package dev.sluice.connectors.nats;

import dev.sluice.connectors.nats.internal.JetStreamWriter;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes events to a JetStream stream and waits for the stream's publish acknowledgements.
 *
 * <p><b>Threading and backpressure:</b> the writer is cooperative: publishes are asynchronous
 * and at most {@code maxInFlight} are unacknowledged; beyond that it refuses events and the
 * engine holds the pipeline back. {@link SinkWriter#complete()} waits (up to 30 s) for the last
 * acknowledgements.
 *
 * <p><b>Guarantees:</b> at-least-once: a publish without an acknowledgement (timeout, lost
 * connection) is sent again after a backoff behind the circuit breaker, so a message may be
 * stored twice (set a message id and the stream's duplicate window to remove such duplicates;
 * not done here). More failures in a row than {@code reconnect} allows fail the job.
 *
 * @param <T> event type
 */
public final class JetStreamSink<T> implements Sink<T> {

  private final String name;
  private final NatsSinkConfig config;
  private final Function<? super T, String> subject;
  private final Function<? super T, byte[]> encoder;

  private JetStreamSink(
      String name,
      NatsSinkConfig config,
      Function<? super T, String> subject,
      Function<? super T, byte[]> encoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** A sink publishing {@code encoder}'s bytes on the configured subject. */
  public static <T> JetStreamSink<T> of(
      String name, NatsSinkConfig config, Function<? super T, byte[]> encoder) {
    String s = config.subject();
    return new JetStreamSink<>(name, config, e -> s, encoder);
  }

  /** A sink publishing on a subject computed per event (it must belong to the stream). */
  public static <T> JetStreamSink<T> of(
      String name,
      NatsSinkConfig config,
      Function<? super T, String> subject,
      Function<? super T, byte[]> encoder) {
    return new JetStreamSink<>(name, config, subject, encoder);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) throws Exception {
    return new JetStreamWriter<>(name, config, subject, encoder);
  }
}
