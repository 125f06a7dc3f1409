package dev.sluice.core.internal.plan;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner's output: chains of fused stage nodes and the queue edges between them.
 *
 * @param chains chains in topological order
 * @param edges queue edges
 * @param stages every stage node, in pipeline order
 */
public record PhysicalPlan(List<ChainSpec> chains, List<EdgeSpec> edges, List<StageNode> stages) {

  /**
   * A chain of fused nodes.
   *
   * @param index position in {@link #chains()}
   * @param nodes the fused nodes, first to last
   * @param parallelism instances
   * @param dedicatedThread whether each instance needs its own thread
   */
  public record ChainSpec(int index, List<StageNode> nodes, int parallelism, boolean dedicatedThread) {
    /** The first node. */
    public StageNode first() {
      return nodes.get(0);
    }

    /** The last node. */
    public StageNode last() {
      return nodes.get(nodes.size() - 1);
    }
  }

  /**
   * A queue edge.
   *
   * @param from producing chain index
   * @param to consuming chain index
   * @param routing resolved routing (FORWARD only when both sides have equal parallelism)
   * @param keyFn key extractor for HASH routing
   * @param capacityEvents capacity per producer/consumer pair
   * @param strategy backpressure strategy
   * @param fromStage id of the producing stage (the producing chain's last stage for a main
   *     output; any stage of the chain for a side output)
   * @param port null for the producing stage's main output, else the side output's tag id
   * @param ordinal which input of the consuming stage the edge feeds
   * @param holdsEventTime whether the edge's watermarks take part in the consumer's watermark
   * @param readFirst whether the consumer drains this edge before its other edges
   */
  public record EdgeSpec(
      int from,
      int to,
      StageNode.Routing routing,
      java.util.function.Function<Object, Object> keyFn,
      int capacityEvents,
      BackpressureStrategy strategy,
      int fromStage,
      String port,
      int ordinal,
      boolean holdsEventTime,
      boolean readFirst) {}

  /** The public description. */
  public Plan describe() {
    List<Plan.Chain> cs = new ArrayList<>();
    for (ChainSpec c : chains) {
      cs.add(
          new Plan.Chain(
              c.index(),
              c.nodes().stream().map(StageNode::name).toList(),
              c.nodes().stream().map(n -> n.kind().label()).toList(),
              c.parallelism(),
              c.dedicatedThread(),
              c.nodes().stream().map(StageNode::uid).toList()));
    }
    List<Plan.Edge> es = new ArrayList<>();
    for (EdgeSpec e : edges) {
      es.add(
          new Plan.Edge(
              e.from(),
              e.to(),
              e.routing().name(),
              e.capacityEvents(),
              e.strategy(),
              e.port() == null ? null : stages.get(e.fromStage()).name(),
              e.port(),
              e.ordinal(),
              !e.holdsEventTime()));
    }
    return new Plan(cs, es);
  }
}
