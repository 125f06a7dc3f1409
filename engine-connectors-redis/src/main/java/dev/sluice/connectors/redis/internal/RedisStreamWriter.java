package dev.sluice.connectors.redis.internal;

import dev.sluice.connectors.redis.RedisSinkConfig;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.fault.ReconnectGuard;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Writer of a {@link dev.sluice.connectors.redis.RedisStreamSink}; one thread at a time. */
public final class RedisStreamWriter<T> implements SinkWriter<T> {

  private record InFlight(RedisFuture<String> future, Map<String, byte[]> fields) {}

  private final RedisSinkConfig config;
  private final Function<? super T, Map<String, byte[]>> encoder;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> commands;
  private final XAddArgs args;
  private final ReconnectGuard guard;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Map<String, byte[]>> retry = new ArrayDeque<>();
  private long retried;

  /** Connects; a bad configuration fails with a message naming the setting. */
  public RedisStreamWriter(
      String sinkName, RedisSinkConfig config, Function<? super T, Map<String, byte[]>> encoder) {
    String what = "redis sink '" + sinkName + "' (stream " + config.stream() + ")";
    this.config = config;
    this.encoder = encoder;
    this.client = RedisConnections.client(what, config.uri(), Duration.ofSeconds(10));
    try {
      this.connection = RedisConnections.connect(what, config.uri(), client, RedisConnections.BYTES);
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      throw e;
    }
    connection.setAutoFlushCommands(false);
    this.commands = connection.async();
    this.args =
        config.maxLength() > 0
            ? XAddArgs.Builder.maxlen(config.maxLength())
                .approximateTrimming(config.approximateTrimming())
            : new XAddArgs();
    this.guard = new ReconnectGuard(what, config.breaker(), config.reconnect());
  }

  @Override
  public boolean offer(T event, long timestamp) throws Exception {
    poll();
    if (!retry.isEmpty()) {
      resend();
      if (!retry.isEmpty()) {
        return false;
      }
    }
    if (inFlight.size() >= config.maxInFlight()) {
      connection.flushCommands();
      return false;
    }
    send(encoder.apply(event));
    return true;
  }

  private void send(Map<String, byte[]> fields) {
    inFlight.addLast(new InFlight(commands.xadd(config.stream(), args, fields), fields));
  }

  private void resend() {
    while (!retry.isEmpty() && inFlight.size() < config.maxInFlight()) {
      if (!guard.tryAcquire()) {
        return;
      }
      send(retry.pollFirst());
      retried++;
      connection.flushCommands();
      return; // one trial at a time until an answer shows the server is back
    }
  }

  /** Takes finished XADDs off the head; failed ones are queued for a retry. */
  private void poll() throws InterruptedException {
    while (!inFlight.isEmpty() && inFlight.peekFirst().future().isDone()) {
      InFlight f = inFlight.pollFirst();
      try {
        f.future().get();
        if (guard.failuresInARow() > 0) {
          guard.onSuccess();
        }
      } catch (ExecutionException e) {
        retry.addLast(f.fields());
        guard.onFailure(e.getCause() != null ? e.getCause() : e); // throws when out of retries
      }
    }
  }

  /** XADDs sent again after a failure. */
  public long retried() {
    return retried;
  }

  @Override
  public void flush() throws Exception {
    connection.flushCommands();
    poll();
    if (!retry.isEmpty()) {
      resend();
    }
  }

  @Override
  public void complete() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!inFlight.isEmpty() || !retry.isEmpty()) {
      flush();
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "redis sink: " + (inFlight.size() + retry.size()) + " XADDs unanswered after 30 s");
      }
      Thread.sleep(1);
    }
  }

  @Override
  public void close(Throwable failure) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
