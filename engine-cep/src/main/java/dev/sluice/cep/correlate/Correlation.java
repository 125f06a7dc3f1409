package dev.sluice.cep.correlate;

import dev.sluice.cep.correlate.internal.CorrelationInput;
import dev.sluice.cep.correlate.internal.CorrelationOperator;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Entry point of the correlation DSL: events from one or several streams, grouped by a
 * correlation key within a tumbling event-time window, emitted as a {@link CorrelatedSet} when
 * the window closes — or as soon as the set is complete, if a {@link CompletionRule} is given.
 *
 * <pre>{@code
 * Stage<CorrelatedSet<String>> incidents =
 *     Correlation.of("alert", alerts, Alert::host)
 *         .and("deploy", deploys, Deploy::host)
 *         .and("error", errors, e -> e.host())
 *         .window(Duration.ofMinutes(5))
 *         .completeWhen(CompletionRule.allStreams())
 *         .named("incidents")
 *         .sets();
 * }</pre>
 *
 * <p><b>Keys.</b> Each stream has its own key function; events of different streams with equal
 * keys are correlated. A key of several fields is a record or a {@code List} of them (keys must
 * have a stable hash, see docs/core.md, "Key groups"). Events must carry event time
 * ({@code withTimestamps} upstream).
 *
 * <p><b>Windows.</b> Windows are tumbling, aligned to the epoch: an event of time {@code t}
 * belongs to {@code [start, start + size)} with {@code start = floor(t / size) size}. When the
 * watermark reaches {@code start + size - 1} the window closes: its set, if it holds anything,
 * is emitted with {@code complete = false} and the window's state is released. An event whose
 * window has closed is late: it goes to the side output {@link #LATE_EVENTS} (counted there,
 * {@link #lateCount}) and joins no set.
 *
 * <p><b>Completion.</b> With a rule, the rule is checked after each event joins a set; a complete
 * set is emitted at once ({@code complete = true}, with the completing event's timestamp) and
 * leaves the state; later events of the same key and window start a new set. Which events
 * complete a set then depends on the order events of one key arrive in: deterministic for a key
 * whose events come from one source instance, not across several streams or parallel sources.
 *
 * <p><b>State.</b> Per key with open windows: the events of its open sets, written with each
 * stream's codec ({@link StateCodecs#dynamic()} unless given), in core-managed keyed state, plus
 * one event-time timer per open window; nothing remains after the final watermark.
 *
 * <p><b>Stages.</b> Each stream passes a map stage ({@code "<name>.<stream>"}) that wraps its
 * events with their stream and key (one small object per event), then the streams are united
 * and keyed into the correlation stage. The key functions run on the map stages, which are
 * shared by parallel instances: they must be pure. <b>Failure:</b> a key function that throws,
 * or an event without a timestamp, follows the error policy of the stage it runs in.
 *
 * <p>This builder is immutable: each method returns a new one. Like the rest of the fluent API it
 * only describes; nothing runs until the pipeline is submitted.
 *
 * @param <K> the correlation key type
 */
public final class Correlation<K> {
  /** The late side output of a correlation stage; connect with {@code sets.sideOutput(LATE_EVENTS)}. */
  public static final OutputTag<CorrelatedEvent> LATE_EVENTS =
      OutputTag.of("late", CorrelatedEvent.class);

  /** The largest number of input streams. */
  public static final int MAX_STREAMS = Short.MAX_VALUE;

  private record Input(String name, Stage<?> stage, Function<Object, ?> keyFn, StateCodec<Object> codec) {}

  private final List<Input> inputs;
  private final long sizeMillis;
  private final CompletionRule rule;
  private final String name;

  private Correlation(List<Input> inputs, long sizeMillis, CompletionRule rule, String name) {
    this.inputs = inputs;
    this.sizeMillis = sizeMillis;
    this.rule = rule;
    this.name = name;
  }

  /**
   * Correlation starting with stream {@code name}: the events of {@code stage}, keyed by {@code
   * keyFn}, written into snapshots with the dynamic codec. Default window: one minute.
   */
  public static <K, T> Correlation<K> of(
      String name, Stage<T> stage, Function<? super T, ? extends K> keyFn) {
    return new Correlation<K>(List.of(), 60_000, null, null).and(name, stage, keyFn);
  }

  /** As {@link #of(String, Stage, Function)}, with the codec that writes the stream's events. */
  public static <K, T> Correlation<K> of(
      String name, Stage<T> stage, Function<? super T, ? extends K> keyFn, StateCodec<T> codec) {
    return new Correlation<K>(List.of(), 60_000, null, null).and(name, stage, keyFn, codec);
  }

  /** Adds stream {@code name}, keyed by {@code keyFn}, written with the dynamic codec. */
  public <T> Correlation<K> and(
      String name, Stage<T> stage, Function<? super T, ? extends K> keyFn) {
    return and(name, stage, keyFn, StateCodecs.dynamic());
  }

  /**
   * Adds stream {@code name}, keyed by {@code keyFn}, its events written into snapshots with
   * {@code codec}.
   *
   * @throws IllegalArgumentException if the name is blank or already used, or the stage belongs
   *     to another pipeline than the first stream's
   */
  @SuppressWarnings("unchecked")
  public <T> Correlation<K> and(
      String name, Stage<T> stage, Function<? super T, ? extends K> keyFn, StateCodec<T> codec) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(keyFn, "keyFn");
    Objects.requireNonNull(codec, "codec");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a correlation stream's name must not be blank");
    }
    for (Input i : inputs) {
      if (i.name.equals(name)) {
        throw new IllegalArgumentException("correlation stream '" + name + "' is declared twice");
      }
    }
    if (!inputs.isEmpty() && inputs.get(0).stage.pipeline() != stage.pipeline()) {
      throw new IllegalArgumentException(
          "correlation stream '" + name + "' belongs to another pipeline than '"
              + inputs.get(0).name + "'");
    }
    if (inputs.size() == MAX_STREAMS) {
      throw new IllegalArgumentException("at most " + MAX_STREAMS + " correlation streams");
    }
    List<Input> next = new ArrayList<>(inputs);
    next.add(new Input(name, stage, (Function<Object, ?>) keyFn, (StateCodec<Object>) codec));
    return new Correlation<>(List.copyOf(next), sizeMillis, rule, this.name);
  }

  /**
   * The window size (default one minute).
   *
   * @throws IllegalArgumentException if not at least 1 ms
   */
  public Correlation<K> window(Duration size) {
    Objects.requireNonNull(size, "size");
    long ms = size.toMillis();
    if (ms < 1) {
      throw new IllegalArgumentException("a correlation window must be at least 1 ms, was " + size);
    }
    return new Correlation<>(inputs, ms, rule, name);
  }

  /** Emits a set as soon as {@code rule} finds it complete (default: only when windows close). */
  public Correlation<K> completeWhen(CompletionRule rule) {
    return new Correlation<>(inputs, sizeMillis, Objects.requireNonNull(rule, "rule"), name);
  }

  /** The name of the correlation stage (default {@code "correlation"}); its inputs' tagging stages are named after it. */
  public Correlation<K> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a stage name must not be blank");
    }
    return new Correlation<>(inputs, sizeMillis, rule, name);
  }

  /** Adds the correlation stage and returns its stream of sets. */
  @SuppressWarnings("unchecked")
  public Stage<CorrelatedSet<K>> sets() {
    String stage = name != null ? name : "correlation";
    int n = inputs.size();
    String[] names = new String[n];
    List<StateCodec<Object>> codecs = new ArrayList<>(n);
    Stage<CorrelationInput>[] tagged = (Stage<CorrelationInput>[]) new Stage<?>[n];
    for (int i = 0; i < n; i++) {
      Input in = inputs.get(i);
      names[i] = in.name;
      codecs.add(in.codec);
      int index = i;
      Function<Object, ?> keyFn = in.keyFn;
      Stage<Object> s = (Stage<Object>) in.stage;
      tagged[i] =
          s.map(e -> new CorrelationInput(index, keyFn.apply(e), e))
              .named(stage + "." + in.name);
    }
    Stage<CorrelationInput> all =
        n == 1 ? tagged[0] : tagged[0].union(java.util.Arrays.copyOfRange(tagged, 1, n));
    long size = sizeMillis;
    CompletionRule r = rule;
    List<StateCodec<Object>> cs = List.copyOf(codecs);
    return all.keyBy(CorrelationInput::key)
        .customOperator(stage, () -> new CorrelationOperator<K>(names, cs, size, r, LATE_EVENTS));
  }

  /** The late events of a correlation stage, from its counts. */
  public static long lateCount(StageCounts correlationStage) {
    return correlationStage.sideOutput() + correlationStage.sideOutputDropped();
  }
}
