package dev.sluice.cep.join;

import dev.sluice.cep.join.internal.IntervalJoinOperator;
import dev.sluice.cep.join.internal.JoinSpec;
import dev.sluice.cep.join.internal.SessionJoinOperator;
import dev.sluice.cep.join.internal.WindowJoinOperator;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.WindowAssigner;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A stream–stream join being described: two keyed inputs, a join type, and either windows
 * ({@link #window}) or an interval ({@link #between}); {@link #apply} adds the join stage.
 * Immutable: every method returns a new description.
 *
 * <ul>
 *   <li><b>Windowed</b> (tumbling, sliding, session, or any assigner of engine-windowing): both
 *       sides are buffered per key and window; when the watermark reaches the window's last
 *       instant ({@code end - 1}) every pair of the window is emitted, then, for outer joins, the
 *       events that found no partner in it, all with timestamp {@code end - 1}; then the
 *       window's state is dropped. An event none of whose windows is still open (for a session
 *       join: an event at or behind the watermark) is late.
 *   <li><b>Interval</b>: a right event at {@code r} joins a left event at {@code l} when {@code
 *       l + lower <= r <= l + upper}; pairs are emitted as soon as both are there, with
 *       timestamp {@code max(l, r)}; an event is dropped from state once the watermark passes the
 *       last time a partner could have. Inner only. An event at or behind the watermark is late.
 * </ul>
 *
 * <p>Late events are never joined: they go to the late side outputs ({@link Joins#LATE_LEFT},
 * {@link Joins#LATE_RIGHT} unless {@link #lateLeftTo}/{@link #lateRightTo} name others), where
 * they are counted ({@link Joins#lateCount}) even if the pipeline does not connect them.
 *
 * <p>Buffered events are written into snapshots with the codecs of {@link #codecs} (default:
 * {@link StateCodecs#dynamic()}, which handles records, primitives, strings and collections).
 *
 * @param <K> key type
 * @param <L> left event type
 * @param <R> right event type
 */
public final class StreamJoin<K, L, R> {
  private final KeyedStage<K, L> left;
  private final KeyedStage<K, R> right;
  private final JoinType type;
  private final WindowAssigner<Object> windows;
  private final long lower;
  private final long upper;
  private final boolean interval;
  private final StateCodec<Object> leftCodec;
  private final StateCodec<Object> rightCodec;
  private final OutputTag<Object> lateLeft;
  private final OutputTag<Object> lateRight;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private StreamJoin(
      KeyedStage<K, L> left,
      KeyedStage<K, R> right,
      JoinType type,
      WindowAssigner<Object> windows,
      long lower,
      long upper,
      boolean interval,
      StateCodec<Object> leftCodec,
      StateCodec<Object> rightCodec,
      OutputTag<Object> lateLeft,
      OutputTag<Object> lateRight) {
    this.left = left;
    this.right = right;
    this.type = type;
    this.windows = windows;
    this.lower = lower;
    this.upper = upper;
    this.interval = interval;
    this.leftCodec = leftCodec;
    this.rightCodec = rightCodec;
    this.lateLeft = lateLeft;
    this.lateRight = lateRight;
  }

  static <K, L, R> StreamJoin<K, L, R> of(KeyedStage<K, L> left, KeyedStage<K, R> right) {
    return new StreamJoin<>(
        left, right, JoinType.INNER, null, 0, 0, false, StateCodecs.dynamic(),
        StateCodecs.dynamic(), Joins.LATE_LEFT, Joins.LATE_RIGHT);
  }

  private StreamJoin<K, L, R> with(
      JoinType t, WindowAssigner<Object> w, long lo, long up, boolean iv, StateCodec<Object> lc,
      StateCodec<Object> rc, OutputTag<Object> ll, OutputTag<Object> lr) {
    return new StreamJoin<>(left, right, t, w, lo, up, iv, lc, rc, ll, lr);
  }

  /**
   * Joins events in the windows of {@code assigner} (from engine-windowing: {@code
   * TumblingWindows}, {@code SlidingWindows}, {@code SessionWindows}, or your own); the assigner
   * sees events of both sides.
   */
  @SuppressWarnings("unchecked")
  public StreamJoin<K, L, R> window(WindowAssigner<?> assigner) {
    Objects.requireNonNull(assigner, "assigner");
    return with(type, (WindowAssigner<Object>) assigner, 0, 0, false, leftCodec, rightCodec,
        lateLeft, lateRight);
  }

  /**
   * Joins a right event at {@code r} with a left event at {@code l} when {@code l + lower <= r <=
   * l + upper} (bounds inclusive; negative bounds let the right event come first).
   *
   * @throws IllegalArgumentException if {@code lower} is after {@code upper}
   */
  public StreamJoin<K, L, R> between(Duration lower, Duration upper) {
    long lo = Objects.requireNonNull(lower, "lower").toMillis();
    long up = Objects.requireNonNull(upper, "upper").toMillis();
    if (lo > up) {
      throw new IllegalArgumentException(
          "interval join: lower bound " + lower + " is after upper bound " + upper);
    }
    return with(type, null, lo, up, true, leftCodec, rightCodec, lateLeft, lateRight);
  }

  /** Only matched pairs (the default). */
  public StreamJoin<K, L, R> inner() {
    return type(JoinType.INNER);
  }

  /** Matched pairs and, per window, the left events without a partner (right is null). */
  public StreamJoin<K, L, R> leftOuter() {
    return type(JoinType.LEFT_OUTER);
  }

  /** Matched pairs and, per window, the right events without a partner (left is null). */
  public StreamJoin<K, L, R> rightOuter() {
    return type(JoinType.RIGHT_OUTER);
  }

  /** Matched pairs and, per window, the unmatched events of both sides. */
  public StreamJoin<K, L, R> fullOuter() {
    return type(JoinType.FULL_OUTER);
  }

  /** The join type. */
  public StreamJoin<K, L, R> type(JoinType joinType) {
    return with(Objects.requireNonNull(joinType, "joinType"), windows, lower, upper, interval,
        leftCodec, rightCodec, lateLeft, lateRight);
  }

  /** The codecs that write buffered events of each side into snapshots. */
  @SuppressWarnings("unchecked")
  public StreamJoin<K, L, R> codecs(StateCodec<L> leftEvents, StateCodec<R> rightEvents) {
    return with(type, windows, lower, upper, interval,
        (StateCodec<Object>) Objects.requireNonNull(leftEvents, "leftEvents"),
        (StateCodec<Object>) Objects.requireNonNull(rightEvents, "rightEvents"),
        lateLeft, lateRight);
  }

  /** Late left events go to {@code tag} instead of {@link Joins#LATE_LEFT}. */
  @SuppressWarnings("unchecked")
  public StreamJoin<K, L, R> lateLeftTo(OutputTag<? super L> tag) {
    return with(type, windows, lower, upper, interval, leftCodec, rightCodec,
        (OutputTag<Object>) Objects.requireNonNull(tag, "tag"), lateRight);
  }

  /** Late right events go to {@code tag} instead of {@link Joins#LATE_RIGHT}. */
  @SuppressWarnings("unchecked")
  public StreamJoin<K, L, R> lateRightTo(OutputTag<? super R> tag) {
    return with(type, windows, lower, upper, interval, leftCodec, rightCodec, lateLeft,
        (OutputTag<Object>) Objects.requireNonNull(tag, "tag"));
  }

  /**
   * Adds the join stage: {@code function} builds each output row. Its parallelism is by default
   * the larger of the inputs'.
   *
   * @param name the stage's name (also the base of its stable id), or null for a default one
   * @throws IllegalStateException if neither {@link #window} nor {@link #between} was given, or
   *     an interval join was asked to be outer
   */
  public <O> Stage<O> apply(String name, JoinFunction<? super L, ? super R, ? extends O> function) {
    Objects.requireNonNull(function, "function");
    if (!interval && windows == null) {
      throw new IllegalStateException(
          "join '" + name + "': say how events meet, with window(assigner) or between(lower, upper)");
    }
    if (interval && type != JoinType.INNER) {
      throw new IllegalStateException(
          "join '" + name + "': an interval join is inner only (was " + type + ")");
    }
    @SuppressWarnings("unchecked")
    JoinSpec spec =
        new JoinSpec(type, (JoinFunction<Object, Object, Object>) function, leftCodec, rightCodec,
            lateLeft, lateRight);
    WindowAssigner<Object> w = windows;
    long lo = lower;
    long up = upper;
    boolean iv = interval;
    Supplier<KeyedTwoInputOperator<K, Object, Object, Object>> supplier =
        iv
            ? () -> new IntervalJoinOperator<>(lo, up, spec)
            : w.isMerging()
                ? () -> new SessionJoinOperator<>(w, spec)
                : () -> new WindowJoinOperator<>(w, spec);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<O> out = (Stage<O>) left.connect(right).process(name, (Supplier) supplier);
    return out;
  }

  @Override
  public String toString() {
    return "StreamJoin[" + type + ", "
        + (interval ? "between " + lower + " and " + upper + " ms" : String.valueOf(windows)) + "]";
  }
}
