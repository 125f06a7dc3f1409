package dev.sluice.cep.join;

import dev.sluice.core.Stage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A stream to enrich, waiting for its table; made by {@link Joins#enrich}. Each {@code with*}
 * method names where the table comes from and returns the {@link TableJoin} to finish.
 *
 * @param <K> key type
 * @param <T> stream event type
 */
public final class Enrichment<K, T> {
  private final Stage<T> stream;
  private final Function<? super T, ? extends K> keyFn;

  Enrichment(Stage<T> stream, Function<? super T, ? extends K> keyFn) {
    this.stream = stream;
    this.keyFn = keyFn;
  }

  /**
   * The table is a fixed map, read on the stream's thread (no state, no repartitioning). The map
   * must not change while the job runs (pass an immutable one, such as {@code Map.copyOf}).
   */
  public <V> TableJoin<K, T, V> withMap(Map<? super K, ? extends V> table) {
    Objects.requireNonNull(table, "table");
    return TableJoin.ofMap(stream, keyFn, table);
  }

  /**
   * The table is built from a changelog stream: each change upserts the row of {@code
   * changeKeyFn(change)} with {@code rowFn(change)}, or deletes it when {@code rowFn} returns
   * {@code null} (a tombstone). Stream and changelog are partitioned by key so every event meets
   * the rows of its key; rows live in managed keyed state.
   */
  public <C, V> TableJoin<K, T, V> withChangelog(
      Stage<C> changelog,
      Function<? super C, ? extends K> changeKeyFn,
      Function<? super C, ? extends V> rowFn) {
    return TableJoin.ofChangelog(
        stream,
        keyFn,
        Objects.requireNonNull(changelog, "changelog"),
        Objects.requireNonNull(changeKeyFn, "changeKeyFn"),
        Objects.requireNonNull(rowFn, "rowFn"));
  }

  /**
   * The table is an outside service: {@code lookup(key)} returns a {@link CompletionStage} of the
   * row, or of {@code null} if there is none. Runs on the core's {@code mapAsync} (bounded
   * concurrency, timeouts, retries and circuit breaking as its settings say), with an optional
   * bounded {@link LookupCache} in front.
   */
  public <V> TableJoin<K, T, V> withLookup(
      Function<? super K, ? extends CompletionStage<? extends V>> lookup) {
    return TableJoin.ofLookup(stream, keyFn, Objects.requireNonNull(lookup, "lookup"));
  }
}
