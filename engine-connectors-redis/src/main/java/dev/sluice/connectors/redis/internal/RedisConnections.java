package dev.sluice.connectors.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.UnknownHostException;
import java.time.Duration;

/** Creating Lettuce clients and telling a bad configuration from a passing failure. */
public final class RedisConnections {

  /** String keys, raw values. */
  public static final RedisCodec<String, byte[]> BYTES =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private RedisConnections() {}

  /** A client that reconnects by itself and rejects commands while disconnected. */
  public static RedisClient client(String what, String uri, Duration commandTimeout) {
    RedisURI parsed;
    try {
      parsed = RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + ": setting 'uri' is not a Redis URI: " + uri, e);
    }
    parsed.setTimeout(commandTimeout);
    RedisClient client = RedisClient.create(parsed);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
    return client;
  }

  /** Connects with {@code codec}, turning a permanent failure into a clear configuration error. */
  public static <K, V> StatefulRedisConnection<K, V> connect(
      String what, String uri, RedisClient client, RedisCodec<K, V> codec) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.connect(codec);
      } catch (RuntimeException e) {
        RuntimeException classified = classify(what, uri, e);
        if (classified != e || attempt == CONNECT_ATTEMPTS) {
          throw classified; // a bad configuration at once; a passing failure after 3 attempts
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Attempts at opening a connection when a reader or writer is created. */
  static final int CONNECT_ATTEMPTS = 3;

  /** {@code e} as a configuration error if it is one, else {@code e} itself. */
  public static RuntimeException classify(String what, String uri, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return new IllegalArgumentException(
            what + ": setting 'uri' (" + redact(uri) + "): host cannot be resolved: "
                + t.getMessage(),
            e);
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("NOPERM")
          || m.contains("invalid password") || m.contains("invalid username")) {
        return new IllegalArgumentException(
            what + ": setting 'uri' (" + redact(uri) + "): authentication refused: " + m, e);
      }
    }
    return e;
  }

  /** The URI without its password. */
  static String redact(String uri) {
    return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
  }
}
