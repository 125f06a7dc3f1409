package dev.sluice.cep.join;

import dev.sluice.cep.join.internal.ChangelogJoinOperator;
import dev.sluice.cep.join.internal.LookupCall;
import dev.sluice.core.Stage;
import dev.sluice.core.fault.AsyncCallSettings;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stream–table join (enrichment) being described; made by {@link Enrichment}. Immutable: every
 * method returns a new description; {@link #apply} adds the stage.
 *
 * <p>Each stream event is joined with the table row of its key <em>as the table is when the event
 * is processed</em> (as Kafka Streams' KStream–KTable join): the table side never triggers output
 * by itself, except to release stream events waiting for it ({@link #waitForRow}). {@link
 * #inner()} (the default) emits only events with a row; {@link #left()} emits the others too,
 * with a {@code null} row.
 *
 * <ul>
 *   <li><b>Map</b>: a lookup in a fixed map on the stream's own stage chain; no state.
 *   <li><b>Changelog</b>: rows kept per key in managed keyed state (snapshotted and rescaled
 *       with the job); upserts replace, a {@code null} row deletes; with {@link #ttl} a row is
 *       dropped once the watermark passes its last change plus the TTL. Which row an event sees
 *       depends on how the two inputs interleave, as in Kafka Streams; for a table that is only
 *       inserted into, {@link #waitForRow} makes the result independent of it.
 *   <li><b>Lookup</b>: an asynchronous call per cache miss through the core's {@code mapAsync};
 *       failures and timeouts go to the stage's error policy.
 * </ul>
 *
 * @param <K> key type
 * @param <T> stream event type
 * @param <V> table row type
 */
public final class TableJoin<K, T, V> {
  private enum Kind {
    MAP,
    CHANGELOG,
    LOOKUP
  }

  private final Kind kind;
  private final Stage<T> stream;
  private final Function<? super T, ? extends K> keyFn;
  private final Map<? super K, ? extends V> map;
  private final Stage<?> changelog;
  private final Function<Object, ? extends K> changeKeyFn;
  private final Function<Object, ? extends V> rowFn;
  private final Function<? super K, ? extends CompletionStage<? extends V>> lookup;
  private final boolean left;
  private final long ttlMillis;
  private final long waitMillis;
  private final StateCodec<Object> streamCodec;
  private final StateCodec<Object> rowCodec;
  private final LookupCache<K, V> cache;
  private final AsyncCallSettings asyncSettings;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private TableJoin(
      Kind kind,
      Stage<T> stream,
      Function<? super T, ? extends K> keyFn,
      Map<? super K, ? extends V> map,
      Stage<?> changelog,
      Function<Object, ? extends K> changeKeyFn,
      Function<Object, ? extends V> rowFn,
      Function<? super K, ? extends CompletionStage<? extends V>> lookup,
      boolean left,
      long ttlMillis,
      long waitMillis,
      StateCodec<Object> streamCodec,
      StateCodec<Object> rowCodec,
      LookupCache<K, V> cache,
      AsyncCallSettings asyncSettings) {
    this.kind = kind;
    this.stream = stream;
    this.keyFn = keyFn;
    this.map = map;
    this.changelog = changelog;
    this.changeKeyFn = changeKeyFn;
    this.rowFn = rowFn;
    this.lookup = lookup;
    this.left = left;
    this.ttlMillis = ttlMillis;
    this.waitMillis = waitMillis;
    this.streamCodec = streamCodec;
    this.rowCodec = rowCodec;
    this.cache = cache;
    this.asyncSettings = asyncSettings;
  }

  static <K, T, V> TableJoin<K, T, V> ofMap(
      Stage<T> stream, Function<? super T, ? extends K> keyFn, Map<? super K, ? extends V> map) {
    return new TableJoin<>(Kind.MAP, stream, keyFn, map, null, null, null, null, false, 0,
        ChangelogJoinOperator.NO_WAIT, StateCodecs.dynamic(), StateCodecs.dynamic(), null,
        AsyncCallSettings.defaults());
  }

  @SuppressWarnings("unchecked")
  static <K, T, C, V> TableJoin<K, T, V> ofChangelog(
      Stage<T> stream,
      Function<? super T, ? extends K> keyFn,
      Stage<C> changelog,
      Function<? super C, ? extends K> changeKeyFn,
      Function<? super C, ? extends V> rowFn) {
    return new TableJoin<>(Kind.CHANGELOG, stream, keyFn, null, changelog,
        (Function<Object, ? extends K>) changeKeyFn, (Function<Object, ? extends V>) rowFn, null,
        false, 0, ChangelogJoinOperator.NO_WAIT, StateCodecs.dynamic(), StateCodecs.dynamic(),
        null, AsyncCallSettings.defaults());
  }

  static <K, T, V> TableJoin<K, T, V> ofLookup(
      Stage<T> stream,
      Function<? super T, ? extends K> keyFn,
      Function<? super K, ? extends CompletionStage<? extends V>> lookup) {
    return new TableJoin<>(Kind.LOOKUP, stream, keyFn, null, null, null, null, lookup, false, 0,
        ChangelogJoinOperator.NO_WAIT, StateCodecs.dynamic(), StateCodecs.dynamic(), null,
        AsyncCallSettings.defaults());
  }

  private TableJoin<K, T, V> with(
      boolean l, long ttl, long wait, StateCodec<Object> sc, StateCodec<Object> rc,
      LookupCache<K, V> c, AsyncCallSettings s) {
    return new TableJoin<>(kind, stream, keyFn, map, changelog, changeKeyFn, rowFn, lookup, l,
        ttl, wait, sc, rc, c, s);
  }

  /** Emit only events whose key has a row (the default). */
  public TableJoin<K, T, V> inner() {
    return with(false, ttlMillis, waitMillis, streamCodec, rowCodec, cache, asyncSettings);
  }

  /** Emit every event; those without a row with a {@code null} row. */
  public TableJoin<K, T, V> left() {
    return with(true, ttlMillis, waitMillis, streamCodec, rowCodec, cache, asyncSettings);
  }

  /**
   * Changelog tables: a row expires once the watermark passes its last change plus {@code ttl}
   * (event time, so the result does not depend on processing speed).
   *
   * @throws IllegalStateException for a map or lookup table
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  public TableJoin<K, T, V> ttl(Duration ttl) {
    requireKind(Kind.CHANGELOG, "ttl");
    long ms = Objects.requireNonNull(ttl, "ttl").toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException("table row TTL must be > 0 ms, was " + ttl);
    }
    return with(left, ms, waitMillis, streamCodec, rowCodec, cache, asyncSettings);
  }

  /**
   * Changelog tables: a stream event whose key has no row yet waits (in keyed state) for one, up
   * to {@code maxWait} of event time past its own timestamp; if the row arrives it is joined with
   * it (timestamp: the later of the two), otherwise, when the watermark passes the event's time
   * plus {@code maxWait}, a left join emits it with a {@code null} row (timestamp: that instant)
   * and an inner join drops it. Events already behind that bound are decided at once. Like Kafka
   * Streams' grace period on a stream–table join; {@code ChronoUnit.FOREVER.getDuration()} waits
   * until the end of input.
   *
   * @throws IllegalStateException for a map or lookup table
   * @throws IllegalArgumentException if {@code maxWait} is negative
   */
  public TableJoin<K, T, V> waitForRow(Duration maxWait) {
    requireKind(Kind.CHANGELOG, "waitForRow");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("waitForRow must not be negative, was " + maxWait);
    }
    long ms;
    try {
      ms = maxWait.toMillis();
    } catch (ArithmeticException tooLong) {
      ms = Long.MAX_VALUE;
    }
    return with(left, ttlMillis, ms, streamCodec, rowCodec, cache, asyncSettings);
  }

  /** Changelog tables: the codecs that write waiting events and rows into snapshots. */
  @SuppressWarnings("unchecked")
  public TableJoin<K, T, V> codecs(StateCodec<T> streamEvents, StateCodec<V> rows) {
    requireKind(Kind.CHANGELOG, "codecs");
    return with(left, ttlMillis, waitMillis,
        (StateCodec<Object>) Objects.requireNonNull(streamEvents, "streamEvents"),
        (StateCodec<Object>) Objects.requireNonNull(rows, "rows"), cache, asyncSettings);
  }

  /** Lookup tables: serve repeated keys from {@code cache} (shared by the stage's instances). */
  public TableJoin<K, T, V> cache(LookupCache<K, V> lookupCache) {
    requireKind(Kind.LOOKUP, "cache");
    return with(left, ttlMillis, waitMillis, streamCodec, rowCodec,
        Objects.requireNonNull(lookupCache, "lookupCache"), asyncSettings);
  }

  /**
   * Lookup tables: concurrency, order, timeout, retries and circuit breaking of the calls
   * (default {@link AsyncCallSettings#defaults()}).
   */
  public TableJoin<K, T, V> asyncSettings(AsyncCallSettings settings) {
    requireKind(Kind.LOOKUP, "asyncSettings");
    return with(left, ttlMillis, waitMillis, streamCodec, rowCodec, cache,
        Objects.requireNonNull(settings, "settings"));
  }

  private void requireKind(Kind expected, String what) {
    if (kind != expected) {
      throw new IllegalStateException(
          what + " applies to a " + expected.name().toLowerCase(java.util.Locale.ROOT)
              + " table, not to a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " table");
    }
  }

  /**
   * Adds the join stage; {@code function} builds each output row ({@code null} row in a left
   * join for events without one; a {@code null} result emits nothing).
   *
   * @param name the stage's name, or null for a default one
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <O> Stage<O> apply(String name, JoinFunction<? super T, ? super V, ? extends O> function) {
    Objects.requireNonNull(function, "function");
    JoinFunction<Object, Object, Object> fn = (JoinFunction<Object, Object, Object>) function;
    Function<Object, Object> key = (Function<Object, Object>) keyFn;
    boolean keepUnmatched = left;
    switch (kind) {
      case MAP -> {
        Map<Object, Object> table = (Map<Object, Object>) map;
        Stage<O> out =
            stream.mapMulti(
                (T event, Consumer<O> downstream) -> {
                  Object row = table.get(key.apply(event));
                  if (row == null && !keepUnmatched) {
                    return;
                  }
                  Object result;
                  try {
                    result = fn.join(event, row);
                  } catch (Exception e) {
                    throw sneaky(e);
                  }
                  if (result != null) {
                    downstream.accept((O) result);
                  }
                });
        return name == null ? out : out.named(name);
      }
      case CHANGELOG -> {
        Function<Object, Object> rows = (Function<Object, Object>) rowFn;
        long ttl = ttlMillis;
        long wait = waitMillis;
        StateCodec<Object> sc = streamCodec;
        StateCodec<Object> rc = rowCodec;
        return (Stage<O>)
            stream
                .keyBy((Function) keyFn)
                .connect(((Stage) changelog).keyBy((Function) changeKeyFn))
                .process(
                    name,
                    () -> new ChangelogJoinOperator<>(rows, fn, keepUnmatched, ttl, wait, sc, rc));
      }
      default -> {
        LookupCall call =
            new LookupCall(key, (Function) lookup, (LookupCache) cache, fn, keepUnmatched);
        Stage<O> out = (Stage<O>) stream.mapAsync((Function) call, asyncSettings);
        return name == null ? out : out.named(name);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  @Override
  public String toString() {
    return "TableJoin[" + kind + (left ? ", left" : ", inner") + "]";
  }
}
