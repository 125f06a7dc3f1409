package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A stage of a {@link Pipeline} producing events of type {@code T}; the fluent API adds stages
 * downstream of it. A stage may feed several downstream stages (each receives every event).
 *
 * <p>Functions given to stateless stages ({@code map}, {@code filter}, ...) are shared by the
 * stage's parallel instances and must be thread-safe; they must not block. A function that
 * throws fails the job, naming the stage and the event. A {@code map} returning null drops the
 * event (counted as filtered).
 *
 * <p><b>Threading:</b> like {@link Pipeline}, build from one thread.
 *
 * @param <T> event type
 */
public final class Stage<T> {
  private final Pipeline pipeline;
  private final int id;

  Stage(Pipeline pipeline, int id) {
    this.pipeline = pipeline;
    this.id = id;
  }

  /** The pipeline this stage belongs to. */
  public Pipeline pipeline() {
    return pipeline;
  }

  /** The stage's name, unique in the pipeline. */
  public String name() {
    return pipeline.node(id).name();
  }

  int id() {
    return id;
  }

  // ---- settings ----

  /** Gives the stage a name (shown in plans, metrics and errors). */
  public Stage<T> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a stage name must not be blank");
    }
    pipeline.replace(pipeline.node(id).withName(name));
    return this;
  }

  /**
   * Gives the stage a stable id, unique in the pipeline: what checkpoints will file the stage's
   * state under, so that state survives edits to the pipeline that rename or reorder other
   * stages. Without one, the stage gets a generated uid (its name if you named it, else its
   * default name's base and position, e.g. {@code map#2}; see docs/core.md). May be called at
   * any time, also after stages were attached downstream. Two stages with the same uid fail
   * validation at submit. Visible to operators as {@link
   * dev.sluice.core.operator.OperatorContext#stageUid()}.
   *
   * @throws IllegalArgumentException if {@code uid} is blank
   */
  public Stage<T> uid(String uid) {
    pipeline.setUid(id, uid);
    return this;
  }

  /** The uid given with {@link #uid(String)}, or null if none was given. */
  public String uid() {
    StageNode n = pipeline.node(id);
    return n.uidGiven() ? n.uid() : null;
  }

  /**
   * Sets how many parallel instances run this stage. By default a stage has the parallelism of
   * its input (the largest, for a union), and a source has 1.
   *
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public Stage<T> parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "stage '" + name() + "': parallelism must be >= 1, was " + parallelism);
    }
    pipeline.replace(pipeline.node(id).withParallelism(parallelism));
    return this;
  }

  /**
   * Sets what this stage's input edge does when full. On a source, applies to the source's
   * output edges instead. Setting a strategy gives the stage its own queue (no fusion).
   */
  public Stage<T> backpressure(BackpressureStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    pipeline.replace(pipeline.node(id).withStrategy(strategy));
    return this;
  }

  /**
   * Sets what this stage does when its user code throws on an event (default {@link
   * dev.sluice.core.fault.ErrorPolicy#FAIL}). {@code DEAD_LETTER} needs this stage's {@link
   * #deadLetters()} port or the pipeline's {@link Pipeline#deadLetters()} connected to a sink.
   */
  public Stage<T> onError(dev.sluice.core.fault.ErrorPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    pipeline.replace(pipeline.node(id).withErrorPolicy(policy));
    return this;
  }

  /**
   * Sets how a failing source is restarted (default never): its reader is closed and created
   * again after the strategy's delay. A reader that can resume should keep its position itself;
   * a fresh reader of a collection starts from the beginning.
   *
   * @throws IllegalStateException if this stage is not a source
   */
  public Stage<T> restart(dev.sluice.core.fault.RestartStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    StageNode n = pipeline.node(id);
    if (n.kind() != StageNode.Kind.SOURCE) {
      throw new IllegalStateException(
          "stage '" + n.name() + "' is not a source; restart strategies apply to sources and sinks");
    }
    pipeline.replace(n.withRestart(strategy));
    return this;
  }

  /**
   * Sets the capacity, in events, of this stage's input edge per producer/consumer pair (on a
   * source: of its output edges). Setting a capacity gives the stage its own queue.
   *
   * @throws IllegalArgumentException if {@code capacityEvents < 1}
   */
  public Stage<T> queueCapacity(int capacityEvents) {
    if (capacityEvents < 1) {
      throw new IllegalArgumentException(
          "stage '" + name() + "': queue capacity must be >= 1, was " + capacityEvents);
    }
    pipeline.replace(pipeline.node(id).withQueueCapacity(capacityEvents));
    return this;
  }

  // ---- stateless stages ----

  /** Transforms each event; a null result drops the event (counted as filtered). */
  @SuppressWarnings("unchecked")
  public <R> Stage<R> map(Function<? super T, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    return next(StageNode.Kind.MAP, null, (Function<Object, Object>) fn);
  }

  /** Keeps the events for which {@code predicate} is true. */
  public Stage<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return next(StageNode.Kind.FILTER, null, predicate);
  }

  /** Replaces each event by zero or more events. */
  public <R> Stage<R> flatMap(Function<? super T, ? extends Iterable<? extends R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return next(StageNode.Kind.FLAT_MAP, null, fn);
  }

  /**
   * Replaces each event by zero or more events pushed into a consumer: {@code flatMap} without
   * an iterator per event.
   */
  public <R> Stage<R> mapMulti(BiConsumer<? super T, ? super Consumer<R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return next(StageNode.Kind.MAP_MULTI, null, fn);
  }

  /** Calls {@code action} for each event and passes it on unchanged. */
  public Stage<T> peek(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return next(StageNode.Kind.PEEK, null, action);
  }

  /**
   * Assigns event time and generates watermarks with bounded out-of-orderness.
   *
   * @param timestampFn the event's time in milliseconds since the epoch
   * @param maxOutOfOrdernessMillis how late an event may be and still be on time
   */
  public Stage<T> withTimestamps(ToLongFunction<? super T> timestampFn, long maxOutOfOrdernessMillis) {
    return withTimestamps(
        timestampFn, WatermarkPolicy.boundedOutOfOrderness(maxOutOfOrdernessMillis));
  }

  /** Assigns event time and generates watermarks by {@code policy}. */
  public Stage<T> withTimestamps(ToLongFunction<? super T> timestampFn, WatermarkPolicy policy) {
    Objects.requireNonNull(timestampFn, "timestampFn");
    Objects.requireNonNull(policy, "policy");
    int n =
        pipeline.add(
            StageNode.Kind.TIMESTAMPS, null, List.of(id), null, null, timestampFn, policy);
    return new Stage<>(pipeline, n);
  }

  /** Adds a custom operator (one instance per parallel instance). */
  public <R> Stage<R> customOperator(
      String name, Supplier<? extends Operator<? super T, ? extends R>> operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    return next(StageNode.Kind.OPERATOR, name, operatorSupplier);
  }

  /**
   * Calls the outside asynchronously for each event: {@code fn} returns a {@link
   * java.util.concurrent.CompletionStage} of the result (a Reactor {@code Mono} converts with
   * {@code mono.toFuture()}). At most {@code maxConcurrency} calls are in flight per instance;
   * at the limit the stage takes no input (backpressure). Results are emitted in input order if
   * {@code ordered}, else as they complete; either way a watermark never overtakes an event that
   * arrived before it. A call not complete within {@code timeout} fails with a {@link
   * java.util.concurrent.TimeoutException} and its future is cancelled ({@code
   * toCompletableFuture().cancel(true)}), as are calls still in flight when the job is cancelled
   * or fails; an answer that still arrives after the timeout is discarded and counted ({@link
   * StageCounts#lateAnswers()}). A failed call (or a null {@code CompletionStage}) goes to this
   * stage's error handling. A call that completes with null emits nothing. The thread completing
   * a future never blocks or spins in the engine.
   *
   * <p>{@code fn} runs on the worker thread and must return promptly; the work belongs in the
   * returned stage. The job ends only after every call has completed.
   *
   * @param timeout zero for no timeout
   */
  public <R> Stage<R> mapAsync(
      Function<? super T, ? extends java.util.concurrent.CompletionStage<? extends R>> fn,
      int maxConcurrency,
      boolean ordered,
      java.time.Duration timeout) {
    return mapAsync(
        fn,
        dev.sluice.core.fault.AsyncCallSettings.defaults()
            .withMaxConcurrency(maxConcurrency)
            .withOrdered(ordered)
            .withTimeout(timeout));
  }

  /**
   * Like {@link #mapAsync(Function, int, boolean, java.time.Duration)}, with retries, a
   * Resilience4j circuit breaker (whose while-open policy decides what events do while it is
   * open: fail fast to the stage's error policy or the fallback, wait, or drop) and a fallback
   * function for degraded mode. The breaker is shared by the stage's parallel instances.
   */
  @SuppressWarnings("unchecked")
  public <R> Stage<R> mapAsync(
      Function<? super T, ? extends java.util.concurrent.CompletionStage<? extends R>> fn,
      dev.sluice.core.fault.AsyncCallSettings settings) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(settings, "settings");
    Function<Object, java.util.concurrent.CompletionStage<Object>> call =
        (Function<Object, java.util.concurrent.CompletionStage<Object>>) (Function<?, ?>) fn;
    dev.sluice.core.fault.CircuitBreakerSettings cb = settings.circuitBreaker();
    io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
        cb == null ? null : cb.create(settings.clock());
    dev.sluice.core.internal.runtime.AsyncSpec spec =
        new dev.sluice.core.internal.runtime.AsyncSpec(
            call,
            settings.maxConcurrency(),
            settings.ordered(),
            settings.timeout().toNanos(),
            settings.effectiveRetry(),
            breaker,
            cb == null ? dev.sluice.core.fault.WhileOpen.FAIL_FAST : cb.whileOpen(),
            settings.fallback(),
            breaker == null
                ? null
                : new dev.sluice.core.internal.runtime.CircuitTransitionListeners(
                    breaker, settings.clock()));
    return next(StageNode.Kind.ASYNC_MAP, null, spec);
  }

  /**
   * {@link #mapAsync(Function, dev.sluice.core.fault.AsyncCallSettings)} for a function
   * returning a Reactor {@code Mono}: each Mono is subscribed once per attempt; an empty Mono
   * emits nothing.
   */
  public <R> Stage<R> mapAsyncMono(
      Function<? super T, ? extends reactor.core.publisher.Mono<? extends R>> fn,
      dev.sluice.core.fault.AsyncCallSettings settings) {
    Objects.requireNonNull(fn, "fn");
    return mapAsync((T t) -> fn.apply(t).toFuture(), settings);
  }

  // ---- side outputs and further inputs ----

  /**
   * The events this stage's operator emits to the side output {@code tag} (see {@link
   * dev.sluice.core.operator.OperatorContext#sideOutput}), as a stage that any number of
   * stages and sinks can consume, like a main output. Watermarks and end of stream reach it as
   * they reach the main output, after the operator handled them. The side output crosses a queue
   * from the producing chain (the main path stays fused); its stage has the producer's
   * parallelism by default, and its settings ({@code backpressure}, {@code queueCapacity},
   * {@code parallelism}) apply to that queue. What goes to the side output is counted on the
   * producing stage as {@code sideOutput}. If the operator never asks for {@code tag}, the stage
   * produces no events (it still ends). Calling this again with the same tag returns the same
   * stage; the stage is named after this stage and the tag ({@code "name.tag"}).
   *
   * @throws IllegalArgumentException if this stage does not run an operator ({@code
   *     customOperator}, a keyed operator, a two-input or broadcast operator), or the tag's id is
   *     already connected here with another type
   */
  @SuppressWarnings("unchecked")
  public <X> Stage<X> sideOutput(dev.sluice.core.operator.OutputTag<X> tag) {
    Objects.requireNonNull(tag, "tag");
    StageNode producer = pipeline.node(id);
    if (tag.equals(dev.sluice.core.fault.DeadLetter.OUTPUT_TAG)) {
      if (tag.type() != dev.sluice.core.fault.DeadLetter.class) {
        throw new IllegalArgumentException(
            "stage '" + producer.name() + "': the side output id '" + tag.id() + "' is reserved "
                + "for dead letters (DeadLetter.OUTPUT_TAG), not " + tag.type().getName());
      }
      return (Stage<X>) deadLetters();
    }
    if (!producer.kind().isOperator()) {
      throw new IllegalArgumentException(
          "stage '" + producer.name() + "' (" + producer.kind().label() + ") has no side "
              + "outputs; only operator stages (customOperator, keyed, two-input and broadcast "
              + "operators) emit to side outputs");
    }
    for (StageNode n : pipeline.nodes()) {
      if (n.kind() == StageNode.Kind.SIDE_OUTPUT
          && n.inputs().get(0).stage() == id
          && n.extra().equals(tag)) {
        Class<?> connected = ((dev.sluice.core.operator.OutputTag<?>) n.extra()).type();
        if (connected != tag.type()) {
          throw new IllegalArgumentException(
              "stage '" + producer.name() + "': side output '" + tag.id() + "' is already "
                  + "connected for " + connected.getName() + ", not " + tag.type().getName());
        }
        return new Stage<>(pipeline, n.id());
      }
    }
    return new Stage<>(pipeline, sidePort(pipeline, id, tag));
  }

  /** Adds the side-output stage of {@code tag} on stage {@code producerId}; returns its id. */
  static int sidePort(
      Pipeline pipeline, int producerId, dev.sluice.core.operator.OutputTag<?> tag) {
    StageNode producer = pipeline.node(producerId);
    String base =
        producer.defaultNameBase() == null ? null : producer.defaultNameBase() + "." + tag.id();
    StageNode.Input input =
        new StageNode.Input(producerId, tag.id(), 0, StageNode.Routing.FORWARD, null, true, false);
    return pipeline.add(
        StageNode.Kind.SIDE_OUTPUT,
        producer.name() + "." + tag.id(),
        base,
        List.of(input),
        null,
        tag);
  }

  /**
   * This stage's dead-letter port: the {@link dev.sluice.core.fault.DeadLetter}s of the events
   * this stage's user code failed on under {@link dev.sluice.core.fault.ErrorPolicy#DEAD_LETTER}
   * (set {@code onError} before calling this), as a side output ({@link
   * dev.sluice.core.fault.DeadLetter#OUTPUT_TAG}) that any number of stages and sinks can
   * consume. Unlike the pipeline-wide {@link Pipeline#deadLetters()}, the port travels in order
   * with the stage's data: each dead letter carries its event's timestamp and precedes the
   * watermarks the stage forwards after that event; idleness and end of stream reach it as they
   * reach the main output. Once the port is connected, every dead letter of this stage goes
   * there and none to the pipeline-wide output, so no dead letter is delivered twice. The failing
   * stage counts each as {@code deadLettered}; the port's stage counts what it receives ({@code
   * in}, and {@code dropped} if its {@code backpressure} drops). A full port stops the failing
   * stage's input like a full main output (under BLOCK nothing is lost). Calling this again
   * returns the same stage, named {@code "<stage>.dead-letters"}.
   *
   * @throws IllegalArgumentException if this stage runs no user code that could fail (a source,
   *     union, rebalance, broadcast, side output or the pipeline's dead-letter output)
   */
  public Stage<dev.sluice.core.fault.DeadLetter> deadLetters() {
    return new Stage<>(pipeline, deadLetterPort(pipeline, id));
  }

  /** The id of stage {@code producerId}'s dead-letter port, added if not yet there. */
  static int deadLetterPort(Pipeline pipeline, int producerId) {
    StageNode producer = pipeline.node(producerId);
    if (!producer.kind().canDeadLetter()) {
      throw new IllegalArgumentException(
          "stage '" + producer.name() + "' (" + producer.kind().label() + ") runs no user code "
              + "that could fail, so it has no dead letters; call deadLetters() on the stage "
              + "whose error policy is DEAD_LETTER");
    }
    for (StageNode n : pipeline.nodes()) {
      if (n.kind() == StageNode.Kind.SIDE_OUTPUT
          && n.inputs().get(0).stage() == producerId
          && n.extra().equals(dev.sluice.core.fault.DeadLetter.OUTPUT_TAG)) {
        return n.id();
      }
    }
    return sidePort(pipeline, producerId, dev.sluice.core.fault.DeadLetter.OUTPUT_TAG);
  }

  /**
   * Connects this stage (the first input) with {@code other} (the second) for a {@link
   * dev.sluice.core.operator.TwoInputOperator}: {@code a.connect(b).process("co", Op::new)}.
   * The events of each input reach the operator's instances round-robin (forward at equal
   * parallelism); for a keyed join use {@link KeyedStage#connect(KeyedStage)}.
   *
   * @throws IllegalArgumentException if {@code other} belongs to another pipeline
   */
  public <U> ConnectedStages<T, U> connect(Stage<U> other) {
    Objects.requireNonNull(other, "other");
    checkSamePipeline(other);
    return new ConnectedStages<>(pipeline, id, other.id);
  }

  /**
   * Connects {@code broadcast} to this stage as a broadcast input for a {@link
   * dev.sluice.core.operator.BroadcastOperator}: every instance receives every broadcast event
   * at {@code onBroadcast}, the broadcast input's watermarks do not hold back the stage's event
   * time, and queued broadcast events are read before the next batch of data (see {@link
   * dev.sluice.core.operator.BroadcastOperator}).
   *
   * @throws IllegalArgumentException if {@code broadcast} belongs to another pipeline
   */
  public <B> BroadcastConnectedStage<T, B> withBroadcast(Stage<B> broadcast) {
    Objects.requireNonNull(broadcast, "broadcast");
    checkSamePipeline(broadcast);
    return new BroadcastConnectedStage<>(pipeline, id, broadcast.id);
  }

  void checkSamePipeline(Stage<?> other) {
    if (other.pipeline != pipeline) {
      throw new IllegalArgumentException(
          "stage '" + other.name() + "' belongs to another pipeline");
    }
  }

  // ---- routing ----

  /**
   * Groups events by key for keyed operations: every event of a key reaches the same parallel
   * instance.
   */
  public <K> KeyedStage<K, T> keyBy(Function<? super T, ? extends K> keyFn) {
    Objects.requireNonNull(keyFn, "keyFn");
    return new KeyedStage<>(pipeline, id, keyFn);
  }

  /**
   * Groups events by a primitive {@code long} key. Routing and the built-in rolling aggregates
   * use the key without boxing it (a long-keyed open-addressing state table); operators that
   * take {@code Long} keys get it boxed. Keys hash, and so route, exactly as their boxed {@code
   * Long}s would under {@link #keyBy}.
   */
  public KeyedStage<Long, T> keyByLong(ToLongFunction<? super T> keyFn) {
    Objects.requireNonNull(keyFn, "keyFn");
    return KeyedStage.ofLong(pipeline, id, keyFn);
  }

  /**
   * Spreads events round-robin over the instances of the next stage. The routing belongs to the
   * edge into that stage: without a parallelism of its own, the returned routing stage takes the
   * next stage's, so {@code s.rebalance().map(f).parallelism(3)} and {@code
   * s.rebalance().parallelism(3).map(f)} both spread the events over three instances of {@code f}
   * (and {@code f} is fused behind the routing, without a second queue).
   */
  public Stage<T> rebalance() {
    int n =
        pipeline.add(
            StageNode.Kind.REBALANCE, null, List.of(id), StageNode.Routing.ROUND_ROBIN, null, null,
            null);
    return new Stage<>(pipeline, n);
  }

  /**
   * Sends every event to every instance of the next stage. The routing belongs to the edge into
   * that stage (as a partitioner does in Flink): without a parallelism of its own, the returned
   * routing stage takes the next stage's, so {@code s.broadcast().map(f).parallelism(3)} and
   * {@code s.broadcast().parallelism(3).map(f)} both give each event to all three instances of
   * {@code f}. Several stages may follow one broadcast if they have one parallelism.
   *
   * <p>Planning (and so {@code submit}) fails with a {@link PipelineValidationException} naming
   * the stages when a stage taking the broadcast's output would run a different number of
   * instances than the broadcast reaches (different parallelism set on the broadcast and on the
   * next stage, or branches of different parallelism): call {@code broadcast()} once per branch.
   * It fails the same way when the next stage routes the events again ({@code keyBy}, {@code
   * rebalance}, another {@code broadcast}), which would only repeat each event once per instance
   * of the broadcast.
   */
  public Stage<T> broadcast() {
    int n =
        pipeline.add(
            StageNode.Kind.REBALANCE, "broadcast-" + pipeline.nodes().size(), List.of(id),
            StageNode.Routing.BROADCAST, null, null, null);
    return new Stage<>(pipeline, n);
  }

  /**
   * Merges this stage's events with those of {@code others} (same pipeline). Event time of the
   * merged stream is the minimum of its inputs' watermarks.
   */
  @SafeVarargs
  public final Stage<T> union(Stage<? extends T>... others) {
    List<Integer> inputs = new ArrayList<>();
    inputs.add(id);
    for (Stage<? extends T> s : others) {
      if (s.pipeline != pipeline) {
        throw new IllegalArgumentException(
            "stage '" + s.name() + "' belongs to another pipeline");
      }
      inputs.add(s.id);
    }
    int n = pipeline.add(StageNode.Kind.UNION, null, inputs, null, null, null, null);
    return new Stage<>(pipeline, n);
  }

  // ---- extension and sinks ----

  /**
   * Applies a transform: the hook through which plug-in modules add operations to the fluent
   * API, e.g. {@code stage.apply(Windows.tumbling(...))}.
   */
  public <R> R apply(Function<? super Stage<T>, R> transform) {
    return transform.apply(this);
  }

  /** Ends this branch in {@code sink}. */
  @SuppressWarnings("unchecked")
  public SinkStage<T> sink(Sink<? super T> sink) {
    Objects.requireNonNull(sink, "sink");
    int n =
        pipeline.add(
            StageNode.Kind.SINK, sink.name(), List.of(id), null, null, (Sink<Object>) sink, null);
    return new SinkStage<>(pipeline, n);
  }

  private <R> Stage<R> next(StageNode.Kind kind, String name, Object fn) {
    return new Stage<>(pipeline, pipeline.add(kind, name, List.of(id), null, null, fn, null));
  }

  @Override
  public String toString() {
    return "Stage[" + name() + "]";
  }
}
