package dev.sluice.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The executable form of a pipeline as the planner made it: fused chains of stages and the
 * queue edges between them. In {@link #toText()}, a stage whose uid differs from its name shows
 * it as {@code [uid ...]}. Obtain it from {@link Engine#plan(Pipeline)} to check how a pipeline
 * will run, or to draw it ({@link #toDot()}).
 *
 * <p>Immutable.
 *
 * @param chains the chains, in topological order
 * @param edges the queue edges between chains
 */
public record Plan(List<Chain> chains, List<Edge> edges) {

  /**
   * Stages fused into one chain: one call per event and stage, no queue between them.
   *
   * @param index the chain's index in {@link #chains()}
   * @param stages stage names, first to last
   * @param kinds stage kinds, parallel to {@code stages}
   * @param parallelism parallel instances of the chain
   * @param dedicatedThread true if the chain runs on its own thread (blocking source or sink)
   * @param uids the stages' stable ids, parallel to {@code stages} (given or generated)
   */
  public record Chain(
      int index,
      List<String> stages,
      List<String> kinds,
      int parallelism,
      boolean dedicatedThread,
      List<String> uids) {
    /** Copies the lists. */
    public Chain {
      stages = List.copyOf(stages);
      kinds = List.copyOf(kinds);
      uids = List.copyOf(uids);
    }

    /** A chain whose stages' uids are their names. */
    public Chain(
        int index, List<String> stages, List<String> kinds, int parallelism, boolean dedicatedThread) {
      this(index, stages, kinds, parallelism, dedicatedThread, stages);
    }
  }

  /**
   * A queue edge between two chains.
   *
   * @param from index of the producing chain
   * @param to index of the consuming chain
   * @param routing FORWARD, HASH, ROUND_ROBIN or BROADCAST
   * @param capacityEvents events the edge holds per producer/consumer pair
   * @param strategy what a full edge does
   * @param sideOutputOf for an edge carrying a side output, the name of the stage that emits it
   *     (any stage of the producing chain); null for a main output
   * @param sideOutput the side output's tag id, or null for a main output
   * @param input which input of the consuming stage the edge feeds (0, or 1 for the second or
   *     broadcast input of a two-input stage)
   * @param broadcastInput true for a broadcast input: read first, its watermarks ignored
   */
  public record Edge(
      int from,
      int to,
      String routing,
      int capacityEvents,
      BackpressureStrategy strategy,
      String sideOutputOf,
      String sideOutput,
      int input,
      boolean broadcastInput) {

    /** A main-output edge to the first input. */
    public Edge(int from, int to, String routing, int capacityEvents, BackpressureStrategy strategy) {
      this(from, to, routing, capacityEvents, strategy, null, null, 0, false);
    }

    /** The extra words of the text form: side output, input, broadcast; empty for plain edges. */
    String annotation() {
      StringBuilder sb = new StringBuilder();
      if (sideOutput != null) {
        sb.append(" side-output '").append(sideOutputOf).append('.').append(sideOutput).append('\'');
      }
      if (input != 0) {
        sb.append(" input=").append(input);
      }
      if (broadcastInput) {
        sb.append(" broadcast-input");
      }
      return sb.toString();
    }
  }

  /** Copies the lists. */
  public Plan {
    chains = List.copyOf(chains);
    edges = List.copyOf(edges);
  }

  /** A readable multi-line description: one line per chain and per edge. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("plan: ").append(chains.size()).append(" chain(s), ").append(edges.size());
    sb.append(" edge(s)\n");
    for (Chain c : chains) {
      sb.append("chain ").append(c.index()).append(" x").append(c.parallelism());
      if (c.dedicatedThread()) {
        sb.append(" [dedicated thread]");
      }
      sb.append(": ");
      for (int i = 0; i < c.stages().size(); i++) {
        if (i > 0) {
          sb.append(" -> ");
        }
        sb.append(c.kinds().get(i)).append(" '").append(c.stages().get(i)).append("'");
        if (!c.uids().get(i).equals(c.stages().get(i))) {
          sb.append(" [uid ").append(c.uids().get(i)).append(']');
        }
      }
      sb.append('\n');
      for (Edge e : edges) {
        if (e.from() == c.index()) {
          sb.append("  => chain ").append(e.to()).append(" ").append(e.routing());
          sb.append(" capacity=").append(e.capacityEvents()).append(" ").append(e.strategy());
          sb.append(e.annotation()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** The plan as a Graphviz digraph: a cluster per chain, a node per stage. */
  public String toDot() {
    StringBuilder sb = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box];\n");
    for (Chain c : chains) {
      sb.append("  subgraph cluster_").append(c.index()).append(" {\n");
      sb.append("    label=\"chain ").append(c.index()).append(" x").append(c.parallelism());
      sb.append(c.dedicatedThread() ? " (dedicated)" : "").append("\";\n");
      for (int i = 0; i < c.stages().size(); i++) {
        sb.append("    \"").append(escape(c.stages().get(i))).append("\" [label=\"");
        sb.append(escape(c.kinds().get(i) + "\\n" + c.stages().get(i))).append("\"];\n");
      }
      for (int i = 1; i < c.stages().size(); i++) {
        sb.append("    \"").append(escape(c.stages().get(i - 1))).append("\" -> \"");
        sb.append(escape(c.stages().get(i))).append("\";\n");
      }
      sb.append("  }\n");
    }
    for (Edge e : edges) {
      List<String> from = chains.get(e.from()).stages();
      List<String> to = chains.get(e.to()).stages();
      String producer = e.sideOutputOf() != null ? e.sideOutputOf() : from.get(from.size() - 1);
      sb.append("  \"").append(escape(producer)).append("\" -> \"");
      sb.append(escape(to.get(0))).append("\" [style=dashed, label=\"");
      sb.append(e.routing()).append(' ').append(e.capacityEvents()).append(' ');
      sb.append(escape(e.strategy() + e.annotation())).append("\"];\n");
    }
    return sb.append("}\n").toString();
  }

  private static String escape(String s) {
    return s.chars()
        .mapToObj(ch -> ch == '"' ? "\\\"" : String.valueOf((char) ch))
        .collect(Collectors.joining());
  }

  @Override
  public String toString() {
    return toText();
  }
}
