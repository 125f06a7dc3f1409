package dev.sluice.connectors.nats.internal;

import dev.sluice.connectors.nats.Acknowledge;
import dev.sluice.connectors.nats.JetStreamMessage;
import dev.sluice.connectors.nats.NatsSourceConfig;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointListener;
import dev.sluice.core.checkpoint.CheckpointedReader;
import dev.sluice.core.checkpoint.PendingAcknowledgements;
import dev.sluice.core.fault.ReconnectGuard;
import dev.sluice.core.metrics.SourceLag;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One instance of a durable JetStream pull consumer. The client's dispatcher thread puts
 * messages into a bounded queue; the server stops delivering at the consumer's {@code
 * maxAckPending}, which the queue's capacity covers. {@link #read} and the checkpoint calls run
 * on the reader's thread; {@link #lag()} on any.
 */
public final class JetStreamReader<T>
    implements SourceReader<T>, CheckpointedReader, CheckpointListener, SourceLag {

  private final String what;
  private final NatsSourceConfig config;
  private final Function<JetStreamMessage, ? extends T> decoder;
  private final Connection connection;
  private final ArrayBlockingQueue<Message> buffer;
  private final MessageConsumer consumer;
  private final ReconnectGuard guard;
  private final PendingAcknowledgements<Message> pendingAcks = new PendingAcknowledgements<>();
  private final AtomicLong overflowed = new AtomicLong();
  private volatile boolean closed;
  private volatile long lag = -1;
  private long ackFailures;

  /** Connects, makes sure the stream and the durable consumer exist, and starts consuming. */
  public JetStreamReader(
      String sourceName, NatsSourceConfig config, Function<JetStreamMessage, ? extends T> decoder)
      throws Exception {
    this.what = "nats source '" + sourceName + "' (stream " + config.stream() + ", durable "
        + config.durable() + ")";
    this.config = config;
    this.decoder = decoder;
    this.guard = new ReconnectGuard(what, config.breaker(), config.reconnect());
    // maxAckPending bounds what the server delivers and we have not acknowledged; the queue holds
    // that many plus one pull batch of redeliveries
    this.buffer = new ArrayBlockingQueue<>(config.maxAckPending() + config.batchSize());
    ConnectionListener listener =
        (conn, event) -> {
          if (event == ConnectionListener.Events.CLOSED) {
            closed = true;
          }
        };
    this.connection = NatsConnections.connect(what, config.url(), config.reconnect(), listener);
    try {
      JetStreamManagement jsm = connection.jetStreamManagement();
      NatsConnections.ensureStream(
          what, jsm, config.stream(), config.subject(), config.createStream());
      try {
        jsm.addOrUpdateConsumer(
            config.stream(),
            ConsumerConfiguration.builder()
                .durable(config.durable())
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(config.ackWait())
                .maxAckPending(config.maxAckPending())
                .filterSubject(config.subject())
                .deliverPolicy(DeliverPolicy.All)
                .build());
      } catch (IllegalArgumentException | JetStreamApiException e) {
        throw new IllegalArgumentException(
            what + ": setting 'durable'/'subject': cannot create the consumer: " + e.getMessage(),
            e);
      }
      this.consumer =
          connection
              .getStreamContext(config.stream())
              .getConsumerContext(config.durable())
              .consume(
                  ConsumeOptions.builder()
                      .batchSize(config.batchSize())
                      .expiresIn(config.pullExpiry().toMillis())
                      .build(),
                  m -> {
                    if (!buffer.offer(m)) {
                      overflowed.incrementAndGet(); // not acknowledged: redelivered after ackWait
                    }
                  });
    } catch (Exception | Error e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public int read(SourceOutput<T> output, int maxEvents) throws Exception {
    if (closed) {
      throw new ReconnectGuard.ConnectionLostException(
          what + ": the connection closed after " + config.reconnect().maxRestarts()
              + " reconnect attempts",
          null);
    }
    int n = 0;
    Message m;
    while (n < maxEvents && (m = buffer.poll()) != null) {
      NatsJetStreamMetaData meta = m.metaData();
      lag = meta.pendingCount();
      pendingAcks.add(m);
      long ts = meta.timestamp().toInstant().toEpochMilli();
      output.emit(
          decoder.apply(
              new JetStreamMessage(
                  m.getSubject(), m.getData(), meta.streamSequence(), ts, meta.deliveredCount())),
          ts);
      n++;
    }
    if (config.acknowledge() == Acknowledge.ON_EMIT) {
      pendingAcks.drainOpen(this::ack);
    }
    return n;
  }

  private void ack(Message m) {
    try {
      m.ack(); // a publish: buffered by the client while it reconnects
    } catch (RuntimeException e) {
      ackFailures++; // redelivered after ackWait: at-least-once holds
      guard.onFailure(e);
    }
  }

  /** Messages in the reader's buffer now (at most its capacity). */
  public int buffered() {
    return buffer.size();
  }

  /** The buffer's capacity: maxAckPending plus one pull batch. */
  public int capacity() {
    return config.maxAckPending() + config.batchSize();
  }

  /** Messages read and not yet acknowledged, outside the buffer. */
  public int unacknowledged() {
    return pendingAcks.size();
  }

  /** Acknowledgements that could not be sent (the messages are redelivered). */
  public long ackFailures() {
    return ackFailures;
  }

  /** Messages delivered while the buffer was full (not acknowledged: redelivered). */
  public long overflowed() {
    return overflowed.get();
  }

  @Override
  public long lag() {
    return lag;
  }

  /** The position is in the durable consumer; the state only marks the barrier. */
  @Override
  public byte[] snapshotState(long checkpointId) {
    pendingAcks.barrier(checkpointId);
    return new byte[0];
  }

  @Override
  public void checkpointComplete(long checkpointId) {
    pendingAcks.complete(checkpointId, this::ack);
  }

  @Override
  public void close() throws Exception {
    try {
      consumer.stop();
      connection.flush(java.time.Duration.ofSeconds(2)); // acknowledgements already sent
    } catch (Exception e) {
      // closing anyway; unacknowledged messages are redelivered
    } finally {
      connection.close();
    }
  }
}
