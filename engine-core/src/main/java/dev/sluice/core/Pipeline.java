package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pipeline under construction: a directed acyclic graph of stages from sources to sinks.
 * Nothing runs until it is submitted to an {@link Engine}; the same pipeline may be submitted
 * several times (sources that can be read only once, such as a push source, refuse a second
 * job).
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create();
 * p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
 *     .map(x -> x * 10)
 *     .sink(Sinks.collect("out"));
 * }</pre>
 *
 * <p><b>Threading:</b> build a pipeline from one thread. Stage descriptions are immutable; a
 * stage's settings ({@code named}, {@code parallelism}, ...) can change only until a downstream
 * stage is attached to it.
 */
public final class Pipeline {
  private final List<StageNode> nodes = new ArrayList<>();
  private boolean uidsRequired;

  private Pipeline() {}

  /** A new, empty pipeline. */
  public static Pipeline create() {
    return new Pipeline();
  }

  /** Adds a source and returns its stage. */
  public <T> Stage<T> source(Source<T> source) {
    Objects.requireNonNull(source, "source");
    return new Stage<>(
        this, add(StageNode.Kind.SOURCE, source.name(), List.of(), null, null, source, null));
  }

  /**
   * The pipeline's dead-letter output: every event that a stage with {@link
   * dev.sluice.core.fault.ErrorPolicy#DEAD_LETTER} failed on, wrapped with its exception and
   * stage — except for stages whose own dead-letter port ({@link Stage#deadLetters()}) is
   * connected: their dead letters go only there, so none is delivered twice. Unlike a stage's
   * port, this output is one stream for the whole pipeline, without watermarks and not ordered
   * against the data. Connect it to a sink; it ends when every stage that can send to it has ended and it has
   * delivered every dead letter it holds (also under {@link Job#drain()}). Calling this again
   * returns the same stage. Created with {@link
   * dev.sluice.core.fault.DeadLetterSettings#defaults()} unless {@link
   * #deadLetters(dev.sluice.core.fault.DeadLetterSettings)} was called first: it holds at most
   * 10,000 unread dead letters, and a stage with one more to send waits (backpressure) until
   * there is room.
   */
  public Stage<dev.sluice.core.fault.DeadLetter> deadLetters() {
    for (StageNode n : nodes) {
      if (n.kind() == StageNode.Kind.DEAD_LETTERS) {
        return new Stage<>(this, n.id());
      }
    }
    return new Stage<>(
        this,
        add(
            StageNode.Kind.DEAD_LETTERS, "dead-letters", List.of(), null, null, null,
            dev.sluice.core.fault.DeadLetterSettings.defaults()));
  }

  /**
   * The pipeline's dead-letter output (see {@link #deadLetters()}) with {@code settings}: its
   * capacity in unread dead letters and what a failing stage does when it is full (wait, drop the
   * newest or the oldest dead letter — counted in the dead-letter stage's {@code dropped} — or
   * fail the job). Call it before connecting the output to a sink.
   *
   * @throws IllegalStateException if the dead-letter output already has a downstream stage
   */
  public Stage<dev.sluice.core.fault.DeadLetter> deadLetters(
      dev.sluice.core.fault.DeadLetterSettings settings) {
    Objects.requireNonNull(settings, "settings");
    StageNode n = node(deadLetters().id());
    replace(n.withExtra(settings));
    return new Stage<>(this, n.id());
  }

  /** The stage descriptions, in order of creation. */
  List<StageNode> nodes() {
    return List.copyOf(nodes);
  }

  StageNode node(int id) {
    return nodes.get(id);
  }

  int add(
      StageNode.Kind kind,
      String name,
      List<Integer> inputs,
      StageNode.Routing routing,
      Function<Object, Object> keyFn,
      Object function,
      Object extra) {
    List<StageNode.Input> edges = new ArrayList<>(inputs.size());
    for (int in : inputs) {
      edges.add(
          StageNode.Input.of(in, routing == null ? StageNode.Routing.FORWARD : routing, keyFn));
    }
    return add(kind, name, null, edges, function, extra);
  }

  /**
   * Adds a node.
   *
   * @param name the stage's name; null for the default name: the base, a dash and the node index
   * @param defaultNameBase null if {@code name} is the user's; else the base of the default name
   *     (with a null name: the kind's label if null too), from which the generated uid derives
   */
  int add(
      StageNode.Kind kind,
      String name,
      String defaultNameBase,
      List<StageNode.Input> inputs,
      Object function,
      Object extra) {
    for (StageNode.Input in : inputs) {
      if (kind != StageNode.Kind.SIDE_OUTPUT) { // a sink's dead-letter port reads a sink
        checkSink(in.stage());
      }
    }
    int id = nodes.size();
    String base =
        name == null && defaultNameBase == null ? kind.label() : defaultNameBase;
    String n = name != null ? name : base + "-" + id;
    nodes.add(
        new StageNode(
            id, n, kind, inputs, function, extra, 0, null, 0, null, null, null, false, base));
    return id;
  }

  /**
   * Requires a user uid ({@code stage.uid(...)}) on every stage whose state a checkpoint will
   * hold — sources, sinks, operators (custom, keyed, two-input, broadcast) and {@code mapAsync}
   * stages: submitting or planning the pipeline then fails with a {@link
   * PipelineValidationException} naming each such stage without one. Checkpoints find a
   * stage's state by its uid, so a uid that the user chose survives edits to the pipeline that
   * would change a generated one.
   *
   * @return this pipeline
   */
  public Pipeline requireUids() {
    this.uidsRequired = true;
    return this;
  }

  /** True once {@link #requireUids()} was called. */
  public boolean uidsRequired() {
    return uidsRequired;
  }

  /** Sets the user uid of stage {@code id}; allowed at any time (it does not change routing). */
  void setUid(int id, String uid) {
    Objects.requireNonNull(uid, "uid");
    if (uid.isBlank()) {
      throw new IllegalArgumentException(
          "stage '" + nodes.get(id).name() + "': a uid must not be blank");
    }
    nodes.set(id, nodes.get(id).withUid(uid, true));
  }

  private void checkSink(int id) {
    if (nodes.get(id).kind() == StageNode.Kind.SINK) {
      throw new IllegalStateException("stage '" + nodes.get(id).name() + "' is a sink");
    }
  }

  void replace(StageNode updated) {
    for (StageNode n : nodes) {
      if (n.inputIds().contains(updated.id())) {
        throw new IllegalStateException(
            "stage '"
                + nodes.get(updated.id()).name()
                + "' already has a downstream stage ('"
                + n.name()
                + "'); configure a stage before attaching stages to it");
      }
    }
    nodes.set(updated.id(), updated);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Pipeline[");
    for (StageNode n : nodes) {
      sb.append(n.name()).append(n.inputs().isEmpty() ? "" : "<-" + n.inputIds()).append(' ');
    }
    return sb.append(']').toString();
  }
}
