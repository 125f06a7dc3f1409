package dev.sluice.connectors.nats;

import dev.sluice.connectors.nats.internal.JetStreamReader;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a JetStream stream through a durable pull consumer (explicit acknowledgement), and
 * acknowledges each message after the engine took it over, or after a checkpoint covering it
 * completed (see {@link Acknowledge}).
 *
 * <p>At start the reader creates the stream (if allowed) and the durable consumer (or updates
 * its ack wait and {@code maxAckPending}), then consumes with pull requests of {@code batchSize}
 * (jnats' simplified consumer API, which re-pulls after reconnects and missed heartbeats).
 * Parallel instances share the durable consumer and split its messages.
 *
 * <p><b>Threading and backpressure:</b> the reader is cooperative: jnats' dispatcher thread puts
 * messages into a bounded queue, {@link dev.sluice.core.SourceReader#read} drains it without
 * blocking. The server delivers at most {@code maxAckPending} unacknowledged messages to the
 * consumer, so when the engine stops taking (or checkpoints stop completing) the server stops
 * delivering and the backlog stays in the stream. The lag (the consumer's pending count, taken
 * from each message's metadata) is reported as {@link dev.sluice.core.metrics.SourceLag}.
 *
 * <p><b>Failures:</b> an unknown host, refused credentials, a missing stream with {@code
 * createStream(false)} or an invalid stream name fail the job at start, naming the setting. A
 * lost connection is re-established by jnats with the backoff's wait; when its attempts run out
 * the job fails. A message whose acknowledgement was lost is redelivered after {@code ackWait}.
 *
 * <p>Implements {@link CheckpointedSource}: the position lives in the durable consumer, so a
 * restored reader starts like a new one and the server redelivers what was not acknowledged.
 *
 * @param <T> event type
 */
public final class JetStreamSource<T> implements CheckpointedSource<T> {

  private final String name;
  private final NatsSourceConfig config;
  private final Function<JetStreamMessage, ? extends T> decoder;

  private JetStreamSource(
      String name, NatsSourceConfig config, Function<JetStreamMessage, ? extends T> decoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** A source of the raw messages. */
  public static JetStreamSource<JetStreamMessage> messages(String name, NatsSourceConfig config) {
    return new JetStreamSource<>(name, config, m -> m);
  }

  /**
   * A source of whole messages (payload and metadata) turned into events by {@code decoder} (on
   * the reader's thread).
   */
  public static <T> JetStreamSource<T> fromMessages(
      String name, NatsSourceConfig config, Function<JetStreamMessage, ? extends T> decoder) {
    return new JetStreamSource<>(name, config, decoder);
  }

  /** A source of payloads decoded by {@code decoder} (on the reader's thread). */
  public static <T> JetStreamSource<T> decoded(
      String name, NatsSourceConfig config, Function<byte[], ? extends T> decoder) {
    Objects.requireNonNull(decoder, "decoder");
    return new JetStreamSource<>(name, config, m -> decoder.apply(m.data()));
  }

  /** The settings. */
  public NatsSourceConfig config() {
    return config;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception {
    return new JetStreamReader<>(name, config, decoder);
  }

  /**
   * The position is in the durable consumer: a restored reader is a new reader, which
   * acknowledges without emitting the redelivered messages the restored checkpoint covers (their
   * acknowledgements had not reached the server when the job failed).
   */
  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws Exception {
    SourceReader<T> reader = createReader(instanceIndex, parallelism);
    // the durable consumer is shared: any instance may receive any redelivered message
    for (byte[] state : states) {
      ((JetStreamReader<T>) reader).skipCovered(state);
    }
    return reader;
  }

  @Override
  public int maxParallelism() {
    return 1024;
  }
}
