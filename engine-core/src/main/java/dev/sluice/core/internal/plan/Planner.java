package dev.sluice.core.internal.plan;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.PipelineValidationException;
import dev.sluice.core.Sink;
import dev.sluice.core.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a pipeline's graph and turns it into chains and edges.
 *
 * <p>A stage is fused into its input's chain when it has exactly one input edge, from the
 * upstream's main output by forward routing at the same parallelism, the upstream's main output
 * has no other consumer, and no edge setting (strategy, capacity) was asked for on either side.
 * Blocking sinks always get their own chain. Side outputs never fuse: a side-output stage starts
 * a chain fed by a queue from the producing chain, whose main path stays fused.
 *
 * <p>Every stage gets a uid: the user's, else its name if the user named it, else its default
 * name's base ({@code map}, {@code rolling-aggregate}) and its position among the stages of
 * that base ({@code map#0}, {@code map#1}), which does not depend on stages of other kinds.
 */
public final class Planner {
  private final int defaultCapacity;

  /** A planner using {@code defaultCapacity} events for edges without an explicit capacity. */
  public Planner(int defaultCapacity) {
    this.defaultCapacity = defaultCapacity;
  }

  /**
   * Plans {@code nodes}.
   *
   * @throws PipelineValidationException listing every problem, each naming its stage
   */
  public PhysicalPlan plan(List<StageNode> nodes) {
    return plan(nodes, false);
  }

  /**
   * Plans {@code nodes}; with {@code requireUids}, every stateful stage must have a user uid.
   *
   * @throws PipelineValidationException listing every problem, each naming its stage
   */
  public PhysicalPlan plan(List<StageNode> givenNodes, boolean requireUids) {
    List<String> problems = new ArrayList<>();
    if (givenNodes.isEmpty()) {
      throw new PipelineValidationException(List.of("the pipeline has no stages"));
    }
    List<StageNode> nodes = resolveUids(givenNodes, requireUids, problems);
    int n = nodes.size();
    // consumers of each stage's main output; side-output consumers are counted apart
    int[] consumers = new int[n];
    int[] sideConsumers = new int[n];
    for (StageNode node : nodes) {
      for (StageNode.Input in : node.inputs()) {
        if (in.port() == null) {
          consumers[in.stage()]++;
        } else {
          sideConsumers[in.stage()]++;
        }
      }
    }
    boolean[] ownDeadLetterPort = ownDeadLetterPorts(nodes);
    Set<String> names = new HashSet<>();
    boolean[] onDeadLetterBranch = deadLetterBranches(nodes);
    boolean anySource = false;
    boolean anySink = false;
    boolean usesDeadLetters = false;
    StageNode deadLetterNode = null;
    for (StageNode node : nodes) {
      if (!names.add(node.name())) {
        problems.add("stage '" + node.name() + "': another stage has the same name");
      }
      if (node.kind() == StageNode.Kind.SOURCE) {
        anySource = true;
      }
      boolean deadLetterPolicy =
          node.errorPolicy().kind() == dev.sluice.core.fault.ErrorPolicy.Kind.DEAD_LETTER;
      if (ownDeadLetterPort[node.id()] && !deadLetterPolicy && !node.kind().isOperator()) {
        problems.add(
            "stage '" + node.name() + "' has its dead letters connected (deadLetters()) but its "
                + "error policy is " + node.errorPolicy().kind() + "; set "
                + "onError(ErrorPolicy.DEAD_LETTER) before connecting them");
      }
      if (deadLetterPolicy && !ownDeadLetterPort[node.id()]) {
        // without a port of its own, the stage sends to the pipeline-wide output
        usesDeadLetters = true;
        if (onDeadLetterBranch[node.id()]) {
          problems.add(
              "stage '" + node.name() + "' processes the pipeline's dead letters and cannot "
                  + "send its own there; connect its own stage.deadLetters() port, or choose "
                  + "FAIL, SKIP or a replacement");
        }
      }
      if (node.kind() == StageNode.Kind.DEAD_LETTERS) {
        deadLetterNode = node;
      }
      if (node.kind() == StageNode.Kind.SINK) {
        anySink = true;
      } else if (consumers[node.id()] == 0 && sideConsumers[node.id()] > 0) {
        problems.add(
            "stage '"
                + node.name()
                + "' ("
                + node.kind().label()
                + ") has its side output(s) connected but not its main output; connect the main "
                + "output to a sink (Sinks.discard to ignore it)");
      } else if (consumers[node.id()] == 0) {
        problems.add(
            "stage '"
                + node.name()
                + "' ("
                + node.kind().label()
                + ") is not connected to a sink; add a sink or remove the stage");
      }
    }
    if (usesDeadLetters && (deadLetterNode == null || consumers[deadLetterNode.id()] == 0)) {
      problems.add(
          "a stage uses DEAD_LETTER but its dead letters go nowhere; connect "
              + "pipeline.deadLetters() to a sink (or the stage's own deadLetters())");
    }
    if (!anySource) {
      problems.add("the pipeline has no source");
    }
    if (!anySink && anySource) {
      problems.add("the pipeline has no sink");
    }

    List<List<StageNode>> consumerNodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      consumerNodes.add(new ArrayList<>());
    }
    for (StageNode node : nodes) {
      for (StageNode.Input in : node.inputs()) {
        consumerNodes.get(in.stage()).add(node);
      }
    }
    int[] parallelism = new int[n];
    for (StageNode node : nodes) {
      int p = node.parallelism();
      if (p == 0) {
        p = 1;
        for (StageNode.Input in : node.inputs()) {
          if (!in.readFirst()) { // a broadcast input does not set the stage's parallelism
            p = Math.max(p, parallelism[in.stage()]);
          }
        }
        if (isRoutingStage(node)) {
          p = routingParallelism(p, consumerNodes.get(node.id()));
        }
      }
      if (node.kind() == StageNode.Kind.SOURCE) {
        int max = ((Source<?>) node.function()).maxParallelism();
        if (p > max) {
          if (node.parallelism() != 0) {
            problems.add(
                "source '" + node.name() + "' supports at most " + max
                    + " parallel instance(s), parallelism " + p + " was requested");
          }
          p = max;
        }
      } else if (node.kind() == StageNode.Kind.DEAD_LETTERS) {
        if (node.parallelism() > 1) {
          problems.add("the dead-letter output has parallelism 1; use rebalance() after it");
        }
        p = 1;
      } else if (node.kind() == StageNode.Kind.SINK) {
        int max = ((Sink<?>) node.function()).maxParallelism();
        if (p > max) {
          if (node.parallelism() != 0) {
            problems.add(
                "sink '" + node.name() + "' supports at most " + max
                    + " parallel instance(s), parallelism " + p + " was requested");
          }
          p = max;
        }
      }
      parallelism[node.id()] = p;
    }
    for (StageNode node : nodes) {
      if (isRoutingStage(node) && node.routing() == StageNode.Routing.BROADCAST) {
        for (StageNode c : consumerNodes.get(node.id())) {
          if (c.routing() != StageNode.Routing.FORWARD) {
            problems.add(
                "stage '" + c.name() + "' routes the output of broadcast '" + node.name()
                    + "' again (" + c.routing().name().toLowerCase(java.util.Locale.ROOT)
                    + "), which would only repeat each event once per broadcast instance; "
                    + "remove one of the two");
          } else if (parallelism[c.id()] != parallelism[node.id()]) {
            problems.add(
                "stage '" + c.name() + "' follows broadcast '" + node.name() + "' with "
                    + parallelism[c.id()] + " instance(s), but the broadcast reaches "
                    + parallelism[node.id()] + "; set the parallelism on the stage after "
                    + "broadcast() only, and call broadcast() once per branch whose "
                    + "parallelism differs");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PipelineValidationException(problems);
    }

    List<List<StageNode>> chainNodes = new ArrayList<>();
    int[] chainOf = new int[n];
    Map<Integer, List<EdgeDraft>> drafts = new HashMap<>();
    for (StageNode node : nodes) {
      if (fusable(node, nodes, consumers, parallelism)) {
        int c = chainOf[node.inputs().get(0).stage()];
        chainNodes.get(c).add(node);
        chainOf[node.id()] = c;
        continue;
      }
      int c = chainNodes.size();
      List<StageNode> list = new ArrayList<>();
      list.add(node);
      chainNodes.add(list);
      chainOf[node.id()] = c;
      for (StageNode.Input in : node.inputs()) {
        drafts.computeIfAbsent(c, k -> new ArrayList<>()).add(new EdgeDraft(in, node));
      }
    }

    List<PhysicalPlan.ChainSpec> chains = new ArrayList<>();
    for (int c = 0; c < chainNodes.size(); c++) {
      List<StageNode> list = chainNodes.get(c);
      boolean dedicated = false;
      for (StageNode s : list) {
        if (s.kind() == StageNode.Kind.SOURCE && ((Source<?>) s.function()).isBlocking()) {
          dedicated = true;
        }
        if (s.kind() == StageNode.Kind.SINK && ((Sink<?>) s.function()).isBlocking()) {
          dedicated = true;
        }
      }
      chains.add(
          new PhysicalPlan.ChainSpec(c, List.copyOf(list), parallelism[list.get(0).id()], dedicated));
    }

    List<PhysicalPlan.EdgeSpec> edges = new ArrayList<>();
    for (int c = 0; c < chainNodes.size(); c++) {
      for (EdgeDraft d : drafts.getOrDefault(c, List.of())) {
        StageNode upstream = nodes.get(d.input.stage());
        int from = chainOf[d.input.stage()];
        int pFrom = chains.get(from).parallelism();
        int pTo = chains.get(c).parallelism();
        StageNode.Routing routing = d.input.routing();
        if (routing == StageNode.Routing.FORWARD && pFrom != pTo) {
          routing = StageNode.Routing.ROUND_ROBIN;
        }
        BackpressureStrategy strategy = d.consumer.strategy();
        if (strategy == null) {
          strategy =
              upstream.kind() == StageNode.Kind.SOURCE && upstream.strategy() != null
                  ? upstream.strategy()
                  : BackpressureStrategy.BLOCK;
        }
        int capacity =
            d.consumer.queueCapacity() > 0
                ? d.consumer.queueCapacity()
                : upstream.kind() == StageNode.Kind.SOURCE && upstream.queueCapacity() > 0
                    ? upstream.queueCapacity()
                    : defaultCapacity;
        edges.add(
            new PhysicalPlan.EdgeSpec(
                from,
                c,
                routing,
                d.input.keyFn(),
                capacity,
                strategy,
                d.input.stage(),
                d.input.port(),
                d.input.ordinal(),
                d.input.holdsEventTime(),
                d.input.readFirst()));
      }
    }
    return new PhysicalPlan(chains, edges, List.copyOf(nodes));
  }

  private static boolean fusable(
      StageNode node, List<StageNode> nodes, int[] consumers, int[] parallelism) {
    if (node.inputs().size() != 1) {
      return false;
    }
    StageNode.Input input = node.inputs().get(0);
    if (input.routing() != StageNode.Routing.FORWARD || input.port() != null) {
      return false;
    }
    if (node.kind() == StageNode.Kind.UNION
        || node.kind() == StageNode.Kind.REBALANCE
        || node.kind() == StageNode.Kind.SIDE_OUTPUT) {
      return false;
    }
    int in = input.stage();
    StageNode upstream = nodes.get(in);
    if (consumers[in] != 1 || parallelism[in] != parallelism[node.id()]) {
      return false;
    }
    if (node.strategy() != null || node.queueCapacity() > 0) {
      return false;
    }
    if (upstream.kind() == StageNode.Kind.SOURCE
        && (upstream.strategy() != null || upstream.queueCapacity() > 0)) {
      return false;
    }
    return !(node.kind() == StageNode.Kind.SINK && ((Sink<?>) node.function()).isBlocking());
  }

  /** A stage made by {@code rebalance()} or {@code broadcast()}: it only routes its input. */
  private static boolean isRoutingStage(StageNode node) {
    return node.kind() == StageNode.Kind.REBALANCE
        && (node.routing() == StageNode.Routing.ROUND_ROBIN
            || node.routing() == StageNode.Routing.BROADCAST);
  }

  /**
   * The parallelism of a routing stage without an explicit one: that of the stage after it, so
   * that the routing applies to the edge into that stage (as a partitioner does in Flink). The
   * stages taking it forward decide: their explicit parallelism, or for a sink of bounded
   * parallelism its bound; stages that inherit impose nothing. If they disagree, the stage keeps
   * its input's parallelism: after a rebalance, round-robin edges follow anyway; a broadcast is
   * then rejected, since its consumers cannot all have its parallelism.
   */
  private static int routingParallelism(int inherited, List<StageNode> consumers) {
    int wanted = 0;
    for (StageNode c : consumers) {
      if (c.routing() != StageNode.Routing.FORWARD) {
        continue;
      }
      int w = c.parallelism();
      if (w == 0 && c.kind() == StageNode.Kind.SINK) {
        int max = ((Sink<?>) c.function()).maxParallelism();
        w = max < inherited ? max : 0;
      }
      if (w == 0) {
        continue; // inherits whatever this stage gets
      }
      if (wanted != 0 && w != wanted) {
        return inherited; // a broadcast is then rejected: its consumers cannot all match
      }
      wanted = w;
    }
    return wanted == 0 ? inherited : wanted;
  }

  /**
   * For each node (by id), whether the pipeline connects its own dead-letter port ({@code
   * stage.deadLetters()}): its dead letters then go there, not to the pipeline-wide output.
   */
  public static boolean[] ownDeadLetterPorts(List<StageNode> nodes) {
    boolean[] own = new boolean[nodes.size()];
    for (StageNode n : nodes) {
      if (n.kind() == StageNode.Kind.SIDE_OUTPUT
          && dev.sluice.core.fault.DeadLetter.OUTPUT_TAG.equals(n.extra())) {
        own[n.inputs().get(0).stage()] = true;
      }
    }
    return own;
  }

  /**
   * For each node (by id), whether it is the dead-letter output or downstream of it. Ids are a
   * topological order, so one pass suffices.
   */
  public static boolean[] deadLetterBranches(List<StageNode> nodes) {
    boolean[] dl = new boolean[nodes.size()];
    for (StageNode n : nodes) {
      boolean b = n.kind() == StageNode.Kind.DEAD_LETTERS;
      for (StageNode.Input in : n.inputs()) {
        b |= dl[in.stage()];
      }
      dl[n.id()] = b;
    }
    return dl;
  }

  /**
   * Gives every node its uid (see the class comment) and reports duplicate uids and, with {@code
   * requireUids}, stateful stages without a user uid.
   */
  private static List<StageNode> resolveUids(
      List<StageNode> nodes, boolean requireUids, List<String> problems) {
    List<StageNode> out = new ArrayList<>(nodes.size());
    Map<String, Integer> perBase = new HashMap<>();
    Map<String, StageNode> byUid = new HashMap<>();
    for (StageNode node : nodes) {
      StageNode resolved;
      if (node.uidGiven()) {
        resolved = node;
      } else if (node.defaultNameBase() == null) {
        resolved = node.withUid(node.name(), false);
      } else {
        int k = perBase.merge(node.defaultNameBase(), 1, Integer::sum) - 1;
        resolved = node.withUid(node.defaultNameBase() + "#" + k, false);
      }
      if (requireUids && !node.uidGiven() && node.kind().isStateful()) {
        problems.add(
            "stage '"
                + node.name()
                + "' ("
                + node.kind().label()
                + ") keeps state but has no uid, and the pipeline requires uids "
                + "(Pipeline.requireUids()); give it one with .uid(\"...\")");
      }
      StageNode other = byUid.putIfAbsent(resolved.uid(), resolved);
      // two stages of the same name are reported as such, not again as a uid clash
      if (other != null && !other.name().equals(node.name())) {
        problems.add(
            "stages '"
                + other.name()
                + "' and '"
                + node.name()
                + "' have the same uid '"
                + resolved.uid()
                + "'"
                + (node.uidGiven() && other.uidGiven()
                    ? ""
                    : " (a generated uid is the stage's name or its default name's base and"
                        + " position)")
                + "; uids must be unique");
      }
      out.add(resolved);
    }
    return out;
  }

  private record EdgeDraft(StageNode.Input input, StageNode consumer) {}
}
