package dev.sluice.connectors.mqtt;

import dev.sluice.connectors.mqtt.internal.MqttReader;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Subscribes to an MQTT broker (MQTT 5) and emits the messages, acknowledging QoS 1/2 messages
 * after the engine took them over, or after a checkpoint covering them completed (see {@link
 * Acknowledge}).
 *
 * <p>Each instance connects as {@code clientId-i} with a persistent session ({@code
 * sessionExpiry}), so QoS 1/2 messages published while it is disconnected, and those it had not
 * acknowledged, are delivered when it reconnects. With a shared subscription ({@code
 * $share/group/filter}) the instances (and any other client in the group) split the messages;
 * without one the source runs one instance, since every subscriber gets every message.
 *
 * <p><b>Threading and backpressure:</b> the reader is cooperative: the client's thread puts
 * messages into a bounded buffer and {@link SourceReader#read} drains it without blocking.
 * Acknowledgements are manual, and the broker sends at most {@code receiveMaximum}
 * unacknowledged QoS 1/2 messages (MQTT 5 flow control), so when the engine stops taking, the
 * broker stops sending and keeps the rest queued in the session. QoS 0 has no flow control: QoS 0
 * messages arriving while the buffer is full are dropped and counted. MQTT has no way to ask the
 * broker how much it holds for a client, so this source reports no lag.
 *
 * <p><b>Failures:</b> an unresolvable host, refused credentials or client id, a malformed topic
 * filter or a refused subscription fail the job at start, naming the setting. A lost connection
 * is re-established after the {@code reconnect} backoff; when its attempts run out the job fails.
 *
 * <p>Implements {@link CheckpointedSource}: the position is the broker's session, so a restored
 * reader reconnects to it and receives what was not acknowledged.
 *
 * @param <T> event type
 */
public final class MqttSource<T> implements CheckpointedSource<T> {

  private final String name;
  private final MqttSourceConfig config;
  private final Function<MqttMessage, ? extends T> decoder;

  private MqttSource(
      String name, MqttSourceConfig config, Function<MqttMessage, ? extends T> decoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** A source of the raw messages. */
  public static MqttSource<MqttMessage> messages(String name, MqttSourceConfig config) {
    return new MqttSource<>(name, config, m -> m);
  }

  /**
   * A source of whole messages (payload and metadata) turned into events by {@code decoder} (on
   * the reader's thread).
   */
  public static <T> MqttSource<T> fromMessages(
      String name, MqttSourceConfig config, Function<MqttMessage, ? extends T> decoder) {
    return new MqttSource<>(name, config, decoder);
  }

  /**
   * A source of payloads decoded by {@code decoder} (on the reader's thread), for example {@code
   * SenmlCodec.json()::decode}.
   */
  public static <T> MqttSource<T> decoded(
      String name, MqttSourceConfig config, Function<byte[], ? extends T> decoder) {
    Objects.requireNonNull(decoder, "decoder");
    return new MqttSource<>(name, config, m -> decoder.apply(m.payload()));
  }

  /** The settings. */
  public MqttSourceConfig config() {
    return config;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception {
    return new MqttReader<>(name, config, decoder, config.clientId() + "-" + instanceIndex);
  }

  /** The position is the broker's session: a restored reader reconnects to it. */
  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws Exception {
    return createReader(instanceIndex, parallelism);
  }

  /** 1024 with a shared subscription, else 1. */
  @Override
  public int maxParallelism() {
    return config.shared() ? 1024 : 1;
  }
}
