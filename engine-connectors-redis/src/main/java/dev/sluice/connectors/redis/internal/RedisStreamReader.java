package dev.sluice.connectors.redis.internal;

import dev.sluice.connectors.redis.Acknowledge;
import dev.sluice.connectors.redis.RedisSourceConfig;
import dev.sluice.connectors.redis.RedisStreamEntry;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointListener;
import dev.sluice.core.checkpoint.CheckpointedReader;
import dev.sluice.core.checkpoint.PendingAcknowledgements;
import dev.sluice.core.fault.ReconnectGuard;
import dev.sluice.core.metrics.SourceLag;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One consumer of a Redis stream group. See {@link dev.sluice.connectors.redis.RedisStreamSource}
 * for the behaviour; all methods but {@link #lag()} run on the reader's thread.
 */
public final class RedisStreamReader<T>
    implements SourceReader<T>, CheckpointedReader, CheckpointListener, SourceLag {

  private enum Phase {
    OWN_PENDING,
    CLAIM,
    NEW
  }

  private static final long LAG_REFRESH_MILLIS = 1000;

  private final String what;
  private final RedisSourceConfig config;
  private final Function<RedisStreamEntry, ? extends T> decoder;
  private final Consumer<String> consumer;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> reads;
  private final StatefulRedisConnection<String, String> control;
  private final RedisAsyncCommands<String, byte[]> readCommands;
  private final RedisAsyncCommands<String, String> controlCommands;
  private final ReconnectGuard guard;
  private final PendingAcknowledgements<String> pendingAcks = new PendingAcknowledgements<>();
  private final XReadArgs pendingArgs;
  private final XReadArgs newArgs;
  private final XReadArgs.StreamOffset<String> lastConsumed;

  private final ArrayDeque<StreamMessage<String, byte[]>> buffer = new ArrayDeque<>();
  private final List<String> ackBatch = new ArrayList<>();
  private final ArrayDeque<InFlightAck> acks = new ArrayDeque<>();
  private final ArrayDeque<String[]> failedAcks = new ArrayDeque<>();
  private int acksInFlight;

  private Phase phase = Phase.OWN_PENDING;
  private String cursor = "0";
  private RedisFuture<List<StreamMessage<String, byte[]>>> readFuture;
  private RedisFuture<ClaimedMessages<String, byte[]>> claimFuture;
  private long lastClaimMillis;
  private RedisFuture<List<Object>> lagFuture;
  private long lastLagMillis;
  private volatile long lag = -1;
  private volatile boolean disconnected;
  private long deletedEntries;

  private record InFlightAck(RedisFuture<Long> future, String[] ids) {}

  /** Connects and creates the group; fails with a configuration error naming the setting. */
  public RedisStreamReader(
      String sourceName,
      RedisSourceConfig config,
      Function<RedisStreamEntry, ? extends T> decoder,
      String consumerName)
      throws Exception {
    this.what = "redis source '" + sourceName + "' (stream " + config.stream() + ", group "
        + config.group() + ", consumer " + consumerName + ")";
    this.config = config;
    this.decoder = decoder;
    this.consumer = Consumer.from(config.group(), consumerName);
    this.client =
        RedisConnections.client(
            what, config.uri(), Duration.ofMillis(config.blockMillis()).plusSeconds(10));
    // before connecting: connections take the client's listeners when they are created
    client.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            disconnected = true;
          }
        });
    try {
      this.reads = RedisConnections.connect(what, config.uri(), client, RedisConnections.BYTES);
      this.control = RedisConnections.connect(what, config.uri(), client, StringCodec.UTF8);
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      throw e;
    }
    this.readCommands = reads.async();
    this.controlCommands = control.async();
    this.guard = new ReconnectGuard(what, config.breaker(), config.reconnect());
    this.pendingArgs = XReadArgs.Builder.count(config.batchSize());
    this.newArgs = XReadArgs.Builder.count(config.batchSize()).block(config.blockMillis());
    this.lastConsumed = XReadArgs.StreamOffset.lastConsumed(config.stream());
    try {
      createGroup();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void createGroup() throws Exception {
    try {
      control
          .sync()
          .xgroupCreate(
              XReadArgs.StreamOffset.from(config.stream(), config.startId()),
              config.group(),
              new XGroupCreateArgs().mkstream(config.createStream()));
    } catch (RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("BUSYGROUP")) {
        return; // the group exists
      }
      if (m.contains("requires the key to exist")) {
        throw new IllegalArgumentException(
            what + ": setting 'stream': stream '" + config.stream()
                + "' does not exist and createStream is false",
            e);
      }
      if (m.contains("WRONGTYPE")) {
        throw new IllegalArgumentException(
            what + ": setting 'stream': key '" + config.stream() + "' is not a stream", e);
      }
      if (m.contains("Invalid stream ID")) {
        throw new IllegalArgumentException(
            what + ": setting 'startId': '" + config.startId() + "' is not a stream id", e);
      }
      throw RedisConnections.classify(what, config.uri(), e);
    }
  }

  @Override
  public int read(SourceOutput<T> output, int maxEvents) throws Exception {
    pollAcks();
    int n = emit(output, maxEvents);
    if (buffer.isEmpty()) {
      n += fetch(output, maxEvents - n);
    }
    if (config.acknowledge() == Acknowledge.ON_EMIT) {
      pendingAcks.drainOpen(ackBatch::add);
    }
    sendAcks();
    refreshLag();
    return n;
  }

  private int emit(SourceOutput<T> output, int maxEvents) {
    int n = 0;
    while (n < maxEvents && !buffer.isEmpty()) {
      StreamMessage<String, byte[]> m = buffer.pollFirst();
      Map<String, byte[]> body = m.getBody();
      pendingAcks.add(m.getId());
      if (body == null || body.isEmpty()) {
        deletedEntries++; // pending entry trimmed away (XADD MAXLEN / XDEL): nothing to emit
        continue;
      }
      RedisStreamEntry entry = new RedisStreamEntry(m.getStream(), m.getId(), body);
      output.emit(decoder.apply(entry), entry.idMillis());
      n++;
    }
    return n;
  }

  /** Completes or issues the current fetch; emits what arrived if there is room. */
  private int fetch(SourceOutput<T> output, int room) throws Exception {
    if (readFuture != null) {
      if (!readFuture.isDone()) {
        return 0;
      }
      RedisFuture<List<StreamMessage<String, byte[]>>> f = readFuture;
      readFuture = null;
      List<StreamMessage<String, byte[]>> got = result(f);
      if (got != null) {
        buffer.addAll(got);
        if (phase == Phase.OWN_PENDING) {
          if (got.isEmpty()) {
            phase = Phase.CLAIM;
            cursor = "0-0";
          } else {
            cursor = got.get(got.size() - 1).getId();
          }
        }
      }
    } else if (claimFuture != null) {
      if (!claimFuture.isDone()) {
        return 0;
      }
      RedisFuture<ClaimedMessages<String, byte[]>> f = claimFuture;
      claimFuture = null;
      ClaimedMessages<String, byte[]> got = result(f);
      if (got != null) {
        buffer.addAll(got.getMessages());
        cursor = got.getId();
        if ("0-0".equals(cursor)) {
          phase = Phase.NEW;
          lastClaimMillis = System.currentTimeMillis();
        }
      }
    }
    int n = emit(output, room);
    if (buffer.isEmpty() && readFuture == null && claimFuture == null) {
      issueFetch();
    }
    return n;
  }

  private <R> R result(RedisFuture<R> f) throws Exception {
    try {
      R r = f.get();
      guard.onSuccess();
      return r;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String m = String.valueOf(cause.getMessage());
      if (m.contains("NOGROUP")) {
        throw new IllegalStateException(
            what + ": the stream or its consumer group was deleted while reading", cause);
      }
      guard.onFailure(cause); // throws once the reconnect budget is spent
      recover();
      return null;
    }
  }

  /** After a failure or a reconnect: read our own pending entries again first. */
  private void recover() {
    phase = Phase.OWN_PENDING;
    cursor = "0";
  }

  @SuppressWarnings("unchecked") // Lettuce takes the stream offsets as generic varargs
  private void issueFetch() {
    if (pendingAcks.size() + acksInFlight >= config.maxUnacked()) {
      return; // backpressure: the engine or the checkpoints are behind; leave entries in Redis
    }
    if (disconnected) {
      disconnected = false;
      recover();
    }
    if (phase == Phase.NEW
        && System.currentTimeMillis() - lastClaimMillis >= config.claimMinIdle().toMillis()) {
      phase = Phase.CLAIM;
      cursor = "0-0";
    }
    if (!guard.tryAcquire()) {
      return;
    }
    switch (phase) {
      case OWN_PENDING ->
          readFuture =
              readCommands.xreadgroup(
                  consumer, pendingArgs, XReadArgs.StreamOffset.from(config.stream(), cursor));
      case CLAIM ->
          claimFuture =
              readCommands.xautoclaim(
                  config.stream(),
                  XAutoClaimArgs.Builder.xautoclaim(consumer, config.claimMinIdle(), cursor)
                      .count(config.batchSize()));
      case NEW -> readFuture = readCommands.xreadgroup(consumer, newArgs, lastConsumed);
    }
  }

  private void pollAcks() {
    while (!acks.isEmpty() && acks.peekFirst().future().isDone()) {
      InFlightAck a = acks.pollFirst();
      acksInFlight -= a.ids().length;
      try {
        a.future().get();
        if (guard.failuresInARow() > 0) {
          guard.onSuccess();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failedAcks.addLast(a.ids());
        acksInFlight += a.ids().length;
      } catch (ExecutionException e) {
        failedAcks.addLast(a.ids()); // retried; the entries stay pending in Redis meanwhile
        acksInFlight += a.ids().length;
        guard.onFailure(e.getCause() != null ? e.getCause() : e);
      }
    }
  }

  private void sendAcks() {
    if (!ackBatch.isEmpty()) {
      String[] ids = ackBatch.toArray(new String[0]);
      ackBatch.clear();
      failedAcks.addLast(ids);
      acksInFlight += ids.length;
    }
    while (!failedAcks.isEmpty()) {
      if (guard.failuresInARow() > 0 && !guard.tryAcquire()) {
        return;
      }
      String[] ids = failedAcks.pollFirst();
      acks.addLast(
          new InFlightAck(controlCommands.xack(config.stream(), config.group(), ids), ids));
    }
  }

  private void refreshLag() {
    long now = System.currentTimeMillis();
    if (lagFuture != null && lagFuture.isDone()) {
      try {
        lag = parseLag(lagFuture.get());
      } catch (ExecutionException | InterruptedException | RuntimeException e) {
        lag = -1; // metrics only; the read path reports connection failures
      }
      lagFuture = null;
    }
    if (lagFuture == null && now - lastLagMillis >= LAG_REFRESH_MILLIS) {
      lastLagMillis = now;
      lagFuture = controlCommands.xinfoGroups(config.stream());
    }
  }

  private long parseLag(List<Object> groups) {
    for (Object g : groups) {
      if (!(g instanceof List<?> fields)) {
        continue;
      }
      boolean ours = false;
      long found = -1;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String key = String.valueOf(fields.get(i));
        Object value = fields.get(i + 1);
        if (key.equals("name")) {
          ours = config.group().equals(String.valueOf(value));
        } else if (key.equals("lag") && value instanceof Long l) {
          found = l;
        }
      }
      if (ours) {
        return found;
      }
    }
    return -1;
  }

  /** Entries read, not acknowledged yet (including acknowledgements in flight). */
  public int unacknowledged() {
    return pendingAcks.size() + acksInFlight;
  }

  /** Entries that were pending but had been deleted from the stream (acknowledged, not emitted). */
  public long deletedEntries() {
    return deletedEntries;
  }

  @Override
  public long lag() {
    return lag;
  }

  /** The position is in Redis; the state only marks the barrier. */
  @Override
  public byte[] snapshotState(long checkpointId) {
    pendingAcks.barrier(checkpointId);
    return new byte[0];
  }

  @Override
  public void checkpointComplete(long checkpointId) {
    pendingAcks.complete(checkpointId, ackBatch::add);
    sendAcks();
  }

  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (InFlightAck a : acks) { // let acknowledgements already sent arrive
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        a.future().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        break; // they stay pending in Redis and are read again on restart
      }
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
