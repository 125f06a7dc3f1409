package dev.sluice.core.internal.plan;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.fault.RestartStrategy;
import java.util.List;
import java.util.function.Function;

/**
 * The immutable description of one stage in a pipeline's graph. The DSL creates nodes; the
 * planner reads them. Configuration changes produce a copy.
 *
 * @param id index in the pipeline, also a topological order (inputs have smaller ids)
 * @param name unique stage name
 * @param kind what the stage does
 * @param inputs ids of upstream stages (empty for a source)
 * @param routing how events reach this stage from its inputs
 * @param keyFn the key extractor for {@link Routing#HASH} routing, else null
 * @param function the kind-specific payload (function, predicate, source, sink, supplier)
 * @param extra a second kind-specific payload (the watermark policy of a timestamps stage)
 * @param parallelism explicit parallelism, or 0 to inherit from the input
 * @param strategy explicit backpressure strategy on this stage's input edge, or null
 * @param queueCapacity explicit input edge capacity in events, or 0 for the engine default
 * @param errorPolicy what the stage does when its user code fails; FAIL by default
 * @param restart how a failed source or sink is restarted; never by default
 */
public record StageNode(
    int id,
    String name,
    Kind kind,
    List<Integer> inputs,
    Routing routing,
    Function<Object, Object> keyFn,
    Object function,
    Object extra,
    int parallelism,
    BackpressureStrategy strategy,
    int queueCapacity,
    ErrorPolicy errorPolicy,
    RestartStrategy restart) {

  /** Stage kinds. */
  public enum Kind {
    SOURCE,
    MAP,
    FILTER,
    FLAT_MAP,
    MAP_MULTI,
    PEEK,
    TIMESTAMPS,
    OPERATOR,
    KEYED_OPERATOR,
    ASYNC_MAP,
    UNION,
    PARTITION,
    REBALANCE,
    SINK,
    DEAD_LETTERS;

    /** Lower-case name used in default stage names and plans. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** How events are routed into a stage. */
  public enum Routing {
    FORWARD,
    HASH,
    ROUND_ROBIN,
    BROADCAST
  }

  /** Copies the inputs list. */
  public StageNode {
    inputs = List.copyOf(inputs);
    if (errorPolicy == null) {
      errorPolicy = ErrorPolicy.FAIL;
    }
    if (restart == null) {
      restart = RestartStrategy.none();
    }
  }

  /** A copy with another name. */
  public StageNode withName(String n) {
    return new StageNode(
        id, n, kind, inputs, routing, keyFn, function, extra, parallelism, strategy, queueCapacity,
        errorPolicy, restart);
  }

  /** A copy with another parallelism. */
  public StageNode withParallelism(int p) {
    return new StageNode(
        id, name, kind, inputs, routing, keyFn, function, extra, p, strategy, queueCapacity,
        errorPolicy, restart);
  }

  /** A copy with another input strategy. */
  public StageNode withStrategy(BackpressureStrategy s) {
    return new StageNode(
        id, name, kind, inputs, routing, keyFn, function, extra, parallelism, s, queueCapacity,
        errorPolicy, restart);
  }

  /** A copy with another error policy. */
  public StageNode withErrorPolicy(ErrorPolicy policy) {
    return new StageNode(
        id, name, kind, inputs, routing, keyFn, function, extra, parallelism, strategy,
        queueCapacity, policy, restart);
  }

  /** A copy with another restart strategy. */
  public StageNode withRestart(RestartStrategy r) {
    return new StageNode(
        id, name, kind, inputs, routing, keyFn, function, extra, parallelism, strategy,
        queueCapacity, errorPolicy, r);
  }

  /** A copy with another input capacity. */
  public StageNode withQueueCapacity(int c) {
    return new StageNode(
        id, name, kind, inputs, routing, keyFn, function, extra, parallelism, strategy, c,
        errorPolicy, restart);
  }
}
