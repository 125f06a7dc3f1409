package dev.sluice.core.internal.plan;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.fault.RestartStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The immutable description of one stage in a pipeline's graph. The DSL creates nodes; the
 * planner reads them. Configuration changes produce a copy.
 *
 * @param id index in the pipeline, also a topological order (inputs have smaller ids)
 * @param name unique stage name
 * @param kind what the stage does
 * @param inputs the input edges (empty for a source), each naming its upstream stage, port,
 *     ordinal, routing, key function and watermark participation
 * @param function the kind-specific payload (function, predicate, source, sink, supplier)
 * @param extra a second kind-specific payload (the watermark policy of a timestamps stage, the
 *     output tag of a side-output stage)
 * @param parallelism explicit parallelism, or 0 to inherit from the input
 * @param strategy explicit backpressure strategy on this stage's input edges, or null
 * @param queueCapacity explicit input edge capacity in events, or 0 for the engine default
 * @param errorPolicy what the stage does when its user code fails; FAIL by default
 * @param restart how a failed source or sink is restarted; never by default
 * @param uid the stable id: the user's ({@code uidGiven}), or the generated one once planned,
 *     else null
 * @param uidGiven true if the user gave {@code uid}
 * @param defaultNameBase for a stage whose name the DSL chose, the part of the name without the
 *     node index (its generated uid is this base and the stage's position among stages of the
 *     same base); null if the user named the stage
 */
public record StageNode(
    int id,
    String name,
    Kind kind,
    List<Input> inputs,
    Object function,
    Object extra,
    int parallelism,
    BackpressureStrategy strategy,
    int queueCapacity,
    ErrorPolicy errorPolicy,
    RestartStrategy restart,
    String uid,
    boolean uidGiven,
    String defaultNameBase) {

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
    TWO_INPUT_OPERATOR,
    KEYED_TWO_INPUT_OPERATOR,
    BROADCAST_OPERATOR,
    KEYED_BROADCAST_OPERATOR,
    ASYNC_MAP,
    UNION,
    PARTITION,
    REBALANCE,
    SIDE_OUTPUT,
    SINK,
    DEAD_LETTERS;

    /** Lower-case name used in default stage names and plans. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** True for stages that run a user operator, the only ones with side outputs. */
    public boolean isOperator() {
      return switch (this) {
        case OPERATOR,
            KEYED_OPERATOR,
            TWO_INPUT_OPERATOR,
            KEYED_TWO_INPUT_OPERATOR,
            BROADCAST_OPERATOR,
            KEYED_BROADCAST_OPERATOR -> true;
        default -> false;
      };
    }

    /**
     * True for stages that run user code under an error policy (a key function counts, for a
     * partition stage), the only ones that can send dead letters and so have a dead-letter port
     * ({@code stage.deadLetters()}).
     */
    public boolean canDeadLetter() {
      return switch (this) {
        case SOURCE, UNION, REBALANCE, SIDE_OUTPUT, DEAD_LETTERS -> false;
        default -> true;
      };
    }

    /**
     * True for stages whose state a checkpoint will hold (a reader's position, operator state,
     * in-flight calls, a writer's pending output): the stages that need a user uid once {@code
     * Pipeline.requireUids()} is set.
     */
    public boolean isStateful() {
      return isOperator() || this == SOURCE || this == SINK || this == ASYNC_MAP;
    }
  }

  /** How events are routed into a stage. */
  public enum Routing {
    FORWARD,
    HASH,
    ROUND_ROBIN,
    BROADCAST
  }

  /**
   * One input edge of a stage.
   *
   * @param stage the upstream stage's id
   * @param port null for the upstream's main output, else the id of the side output (output
   *     tag) the edge reads
   * @param ordinal which input of the stage the edge feeds: 0 for the first (every input of a
   *     one-input stage and of a union), 1 for the second input of a two-input or broadcast stage
   * @param routing how events are spread over the stage's instances
   * @param keyFn the key extractor for {@link Routing#HASH}, else null
   * @param holdsEventTime true if the edge's watermarks take part in the stage's watermark (the
   *     minimum over such inputs); false for a broadcast input
   * @param readFirst true if the stage drains this edge's queued events before taking data from
   *     its other edges (a broadcast input)
   */
  public record Input(
      int stage,
      String port,
      int ordinal,
      Routing routing,
      Function<Object, Object> keyFn,
      boolean holdsEventTime,
      boolean readFirst) {

    /** An edge from {@code stage}'s main output to input 0, routed by {@code routing}. */
    public static Input of(int stage, Routing routing, Function<Object, Object> keyFn) {
      return new Input(stage, null, 0, routing, keyFn, true, false);
    }

    /** A copy feeding input {@code n}. */
    public Input withOrdinal(int n) {
      return new Input(stage, port, n, routing, keyFn, holdsEventTime, readFirst);
    }

    /** A broadcast input: every instance gets every event; no event time; read first. */
    public Input asBroadcastInput() {
      return new Input(stage, port, ordinal, Routing.BROADCAST, null, false, true);
    }
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

  /** The ids of the upstream stages, one per input edge. */
  public List<Integer> inputIds() {
    List<Integer> ids = new ArrayList<>(inputs.size());
    for (Input in : inputs) {
      ids.add(in.stage());
    }
    return ids;
  }

  /** The routing of the first input edge (FORWARD for a source). */
  public Routing routing() {
    return inputs.isEmpty() ? Routing.FORWARD : inputs.get(0).routing();
  }

  /** The key function of the first input edge, or null. */
  public Function<Object, Object> keyFn() {
    return inputs.isEmpty() ? null : inputs.get(0).keyFn();
  }

  /** The key function of the edge feeding input {@code ordinal}, or null. */
  public Function<Object, Object> keyFn(int ordinal) {
    for (Input in : inputs) {
      if (in.ordinal() == ordinal) {
        return in.keyFn();
      }
    }
    return null;
  }

  /** A copy with another name, given by the user. */
  public StageNode withName(String n) {
    return new StageNode(
        id, n, kind, inputs, function, extra, parallelism, strategy, queueCapacity, errorPolicy,
        restart, uid, uidGiven, null);
  }

  /** A copy with another parallelism. */
  public StageNode withParallelism(int p) {
    return new StageNode(
        id, name, kind, inputs, function, extra, p, strategy, queueCapacity, errorPolicy, restart,
        uid, uidGiven, defaultNameBase);
  }

  /** A copy with another input strategy. */
  public StageNode withStrategy(BackpressureStrategy s) {
    return new StageNode(
        id, name, kind, inputs, function, extra, parallelism, s, queueCapacity, errorPolicy,
        restart, uid, uidGiven, defaultNameBase);
  }

  /** A copy with another error policy. */
  public StageNode withErrorPolicy(ErrorPolicy policy) {
    return new StageNode(
        id, name, kind, inputs, function, extra, parallelism, strategy, queueCapacity, policy,
        restart, uid, uidGiven, defaultNameBase);
  }

  /** A copy with another restart strategy. */
  public StageNode withRestart(RestartStrategy r) {
    return new StageNode(
        id, name, kind, inputs, function, extra, parallelism, strategy, queueCapacity, errorPolicy,
        r, uid, uidGiven, defaultNameBase);
  }

  /** A copy with another input capacity. */
  public StageNode withQueueCapacity(int c) {
    return new StageNode(
        id, name, kind, inputs, function, extra, parallelism, strategy, c, errorPolicy, restart,
        uid, uidGiven, defaultNameBase);
  }

  /** A copy with another kind-specific extra payload. */
  public StageNode withExtra(Object e) {
    return new StageNode(
        id, name, kind, inputs, function, e, parallelism, strategy, queueCapacity, errorPolicy,
        restart, uid, uidGiven, defaultNameBase);
  }

  /** A copy with a uid: the user's ({@code given}) or a generated one. */
  public StageNode withUid(String u, boolean given) {
    return new StageNode(
        id, name, kind, inputs, function, extra, parallelism, strategy, queueCapacity, errorPolicy,
        restart, u, given, defaultNameBase);
  }
}
