package dev.sluice.cep.join;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.operator.OutputTag;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where joins start.
 *
 * <pre>{@code
 * // windowed: orders and their payments in the same 10-minute window (Flink's window join)
 * Stage<Paid> paid =
 *     Joins.join(orders.keyBy(Order::id), payments.keyBy(Payment::orderId))
 *         .window(TumblingWindows.of(Duration.ofMinutes(10)))
 *         .leftOuter()                                  // unpaid orders too, with null payment
 *         .apply("orders-payments", Paid::new);
 *
 * // interval: a payment up to 15 minutes after its order (Flink's intervalJoin)
 * Joins.join(orders.keyBy(Order::id), payments.keyBy(Payment::orderId))
 *     .between(Duration.ZERO, Duration.ofMinutes(15))
 *     .apply("paid-in-time", Paid::new);
 *
 * // stream–table: enrich clicks with the user row (Kafka Streams' KStream–KTable join)
 * Joins.enrich(clicks, Click::userId)
 *     .withChangelog(userUpdates, User::id, u -> u.deleted() ? null : u)
 *     .left()
 *     .apply("clicks-with-user", EnrichedClick::new);
 * }</pre>
 *
 * <p>The DSL only describes: each {@code apply} adds one stage to the pipeline and returns it, so
 * its name, parallelism, error policy and side outputs are set as on any stage. Stream–stream
 * joins keep both sides in the core's managed keyed state (snapshotted, restored and
 * redistributed with the job) and drop it by event-time timers; see docs/joins.md for each join's
 * semantics beside Flink and Kafka Streams.
 *
 * <p><b>Threading:</b> build from the thread that builds the pipeline.
 */
public final class Joins {
  /**
   * The default side output of late left events of a stream–stream join; connect it with {@code
   * joined.sideOutput(Joins.LATE_LEFT)}, or give a typed tag with {@link StreamJoin#lateLeftTo}.
   */
  public static final OutputTag<Object> LATE_LEFT = OutputTag.of("join-late-left", Object.class);

  /** The default side output of late right events of a stream–stream join. */
  public static final OutputTag<Object> LATE_RIGHT = OutputTag.of("join-late-right", Object.class);

  private Joins() {}

  /**
   * Starts a stream–stream join of two keyed stages: events meet when their keys are equal.
   * Continue with {@link StreamJoin#window} or {@link StreamJoin#between}, then {@link
   * StreamJoin#apply}.
   */
  public static <K, L, R> StreamJoin<K, L, R> join(KeyedStage<K, L> left, KeyedStage<K, R> right) {
    return StreamJoin.of(Objects.requireNonNull(left, "left"), Objects.requireNonNull(right, "right"));
  }

  /**
   * Starts a stream–table join that enriches {@code stream}: each event is joined with the table
   * row of {@code keyFn(event)}. Continue with {@link Enrichment#withMap}, {@link
   * Enrichment#withChangelog} or {@link Enrichment#withLookup}.
   */
  public static <K, T> Enrichment<K, T> enrich(Stage<T> stream, Function<? super T, ? extends K> keyFn) {
    return new Enrichment<>(
        Objects.requireNonNull(stream, "stream"), Objects.requireNonNull(keyFn, "keyFn"));
  }

  /**
   * The late events of a stream–stream join stage, from its counts: what it emitted to its late
   * side outputs, connected ({@code sideOutput}) or not ({@code sideOutputDropped}). A join stage
   * has no other side outputs.
   */
  public static long lateCount(StageCounts joinStage) {
    return joinStage.sideOutput() + joinStage.sideOutputDropped();
  }
}
