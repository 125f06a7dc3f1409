package dev.sluice.core.internal.runtime;

import dev.sluice.core.internal.plan.KeySpec;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sink;
import dev.sluice.core.Source;
import dev.sluice.core.WatermarkPolicy;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.internal.plan.PhysicalPlan;
import dev.sluice.core.internal.plan.Planner;
import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OutputTag;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Turns a {@link PhysicalPlan} into a {@link JobExecution}: channels, links and tasklets. */
public final class JobBuilder {

  private final int batchSize;
  private final EngineClock clock;
  private final boolean metrics;

  /**
   * @param batchSize the largest batch crossing a queue, and the tasklet's budget per call
   * @param clock processing time
   */
  public JobBuilder(int batchSize, EngineClock clock) {
    this(batchSize, clock, true);
  }

  /**
   * @param metrics whether to sample latencies, events and bytes (counters are always kept)
   */
  public JobBuilder(int batchSize, EngineClock clock, boolean metrics) {
    this.batchSize = batchSize;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Builds the execution of {@code plan}: its first attempt, and what builds a new attempt when
   * the engine restarts the job.
   */
  public JobExecution build(long id, String name, PhysicalPlan plan) {
    return build(id, name, plan, null, null);
  }

  /**
   * Builds the execution of {@code plan} with checkpointing ({@code checkpointing}, or null for
   * none), restoring the state of {@code restoreFrom} (or null for a fresh start).
   *
   * @throws IllegalStateException if {@code restoreFrom} holds state of a stage uid that the plan
   *     does not have, or cannot be decoded
   */
  public JobExecution build(
      long id,
      String name,
      PhysicalPlan plan,
      dev.sluice.core.checkpoint.CheckpointConfig checkpointing,
      dev.sluice.core.checkpoint.CompletedCheckpoint restoreFrom) {
    JobExecution job = new JobExecution(id, name);
    if (restoreFrom != null) {
      RestoreState restore = RestoreState.of(restoreFrom);
      checkRestorable(plan, restore);
      job.setAttemptRestore(restore);
    }
    if (checkpointing != null) {
      CheckpointCoordinator cc = new CheckpointCoordinator(name, checkpointing, restoreFrom);
      job.setCheckpoints(cc);
      job.onEnd(cc::close);
    }
    job.setMetricsEnabled(metrics);
    dev.sluice.core.fault.DeadLetterSettings deadLetterSettings =
        dev.sluice.core.fault.DeadLetterSettings.defaults();
    for (StageNode s : plan.stages()) {
      if (s.kind() == StageNode.Kind.DEAD_LETTERS
          && s.extra() instanceof dev.sluice.core.fault.DeadLetterSettings settings) {
        deadLetterSettings = settings;
      }
    }
    dev.sluice.core.fault.DeadLetterSettings settings = deadLetterSettings;
    for (StageNode s : plan.stages()) {
      job.registerStage(s.name());
      watchBreakers(s, job);
    }
    buildAttempt(job, plan, true, settings);
    job.setRebuild(() -> buildAttempt(job, plan, false, settings));
    return job;
  }

  /** Every stage uid with state in {@code restore} must be a stage of the plan. */
  private static void checkRestorable(PhysicalPlan plan, RestoreState restore) {
    java.util.Set<String> uids = new java.util.HashSet<>();
    for (StageNode s : plan.stages()) {
      uids.add(s.uid());
    }
    for (String kind :
        List.of(
            CheckpointParts.OPERATOR, CheckpointParts.SOURCE, CheckpointParts.SINK,
            CheckpointParts.ASYNC)) {
      for (String uid : restore.uids(kind)) {
        if (!uids.contains(uid)) {
          throw new IllegalStateException(
              "checkpoint " + restore.checkpoint().id() + " of job '"
                  + restore.checkpoint().jobName() + "' holds " + kind + " state of stage uid '"
                  + uid + "', which this pipeline does not have (stage uids: " + uids
                  + "); give the stage its old uid with uid(...)");
        }
      }
    }
  }

  /** Builds one attempt's channels, links and tasklets into {@code job}. */
  @SuppressWarnings("unchecked")
  private void buildAttempt(
      JobExecution job,
      PhysicalPlan plan,
      boolean firstAttempt,
      dev.sluice.core.fault.DeadLetterSettings deadLetterSettings) {
    DeadLetterChannel deadLetters = new DeadLetterChannel(clock, deadLetterSettings);
    RestoreState restore = job.attemptRestore();
    CheckpointCoordinator checkpoints = job.checkpoints();
    for (StageNode s : plan.stages()) {
      if (s.kind() == StageNode.Kind.DEAD_LETTERS) {
        // dropped when full; one supplier per attempt, so a restarted job's counts add up
        job.addExtraDrops(s.name(), deadLetters::droppedCount);
      }
    }
    boolean[] onDeadLetterBranch = Planner.deadLetterBranches(plan.stages());
    int chainCount = plan.chains().size();
    // inbound channels per chain per consumer instance; outlets per chain per producer instance
    List<List<List<QueueInput.Inbound>>> inbound = new ArrayList<>();
    List<Outlet[]> outlets = new ArrayList<>();
    for (PhysicalPlan.ChainSpec c : plan.chains()) {
      List<List<QueueInput.Inbound>> perInstance = new ArrayList<>();
      for (int i = 0; i < c.parallelism(); i++) {
        perInstance.add(new ArrayList<>());
      }
      inbound.add(perInstance);
      Outlet[] os = new Outlet[c.parallelism()];
      if (c.last().kind() != StageNode.Kind.SINK) {
        for (int i = 0; i < os.length; i++) {
          os[i] = new Outlet();
        }
      }
      outlets.add(os);
    }
    // side ports per producing stage: one per connected tag and producer instance
    Map<Integer, List<SidePortSpec>> sidePortsByStage = new HashMap<>();
    for (PhysicalPlan.EdgeSpec e : plan.edges()) {
      PhysicalPlan.ChainSpec from = plan.chains().get(e.from());
      PhysicalPlan.ChainSpec to = plan.chains().get(e.to());
      String consumerStage = to.first().name();
      Outlet[] producers = outlets.get(e.from());
      if (e.port() != null) {
        OutputTag<?> tag = (OutputTag<?>) to.first().extra();
        producers = new Outlet[from.parallelism()];
        for (int p = 0; p < producers.length; p++) {
          producers[p] = new Outlet();
        }
        sidePortsByStage
            .computeIfAbsent(e.fromStage(), k -> new ArrayList<>())
            .add(new SidePortSpec(tag, producers));
      }
      Outlet.Routing routing = Outlet.Routing.valueOf(e.routing().name());
      List<Channel> edgeChannels = new ArrayList<>();
      List<ChannelWriter> edgeWriters = new ArrayList<>();
      if (routing == Outlet.Routing.FORWARD) {
        for (int p = 0; p < from.parallelism(); p++) {
          Channel ch = new Channel(e.capacityEvents(), batchSize, e.strategy());
          ChannelWriter w = new ChannelWriter(ch, producers[p], e.strategy());
          job.addInputWriter(consumerStage, e.ordinal(), w);
          edgeChannels.add(ch);
          edgeWriters.add(w);
          inbound.get(e.to()).get(p).add(inboundOf(ch, e));
          producers[p].addEdge(new Outlet.Edge(routing, new ChannelWriter[] {w}, null));
        }
      } else {
        for (int p = 0; p < from.parallelism(); p++) {
          ChannelWriter[] ws = new ChannelWriter[to.parallelism()];
          for (int c = 0; c < to.parallelism(); c++) {
            Channel ch =
                new Channel(
                    e.capacityEvents(), batchSize, e.strategy(), routing == Outlet.Routing.HASH);
            ws[c] = new ChannelWriter(ch, producers[p], e.strategy());
            job.addInputWriter(consumerStage, e.ordinal(), ws[c]);
            edgeChannels.add(ch);
            edgeWriters.add(ws[c]);
            inbound.get(e.to()).get(c).add(inboundOf(ch, e));
          }
          producers[p].addEdge(
              new Outlet.Edge(
                  routing, ws, e.keyFn(), maxParallelism(to.first()), longKey(to.first())));
        }
      }
      String producerStage =
          e.port() == null ? from.last().name() : plan.stages().get(e.fromStage()).name();
      job.addEdge(
          new JobExecution.EdgeMetrics(producerStage, consumerStage, edgeChannels, edgeWriters));
    }
    for (int ci = 0; ci < chainCount; ci++) {
      PhysicalPlan.ChainSpec c = plan.chains().get(ci);
      for (int i = 0; i < c.parallelism(); i++) {
        List<Link> links = new ArrayList<>();
        List<Outlet> sidePorts = new ArrayList<>();
        TaskletContext ctx = new TaskletContext(i, c.parallelism(), clock);
        Input input;
        QueueInput queueInput = null;
        List<StageNode> nodes = c.nodes();
        int startNode = 0;
        StageNode first = c.first();
        boolean isSource =
            first.kind() == StageNode.Kind.SOURCE || first.kind() == StageNode.Kind.DEAD_LETTERS;
        boolean deadLetterBranch = onDeadLetterBranch[c.last().id()];
        if (first.kind() == StageNode.Kind.DEAD_LETTERS) {
          input =
              new SourceInput(
                  deadLetters.source(first.name(), job::sendersDone),
                  job.newCounter(first.name()),
                  dev.sluice.core.fault.RestartStrategy.none(),
                  job,
                  false);
          startNode = 1;
        } else if (isSource) {
          Source<Object> src = (Source<Object>) first.function();
          SourceInput si =
              new SourceInput(
                  src, job.newCounter(first.name(), true), first.restart(), job,
                  src instanceof PushSource<?>);
          si.checkpointUid = first.uid();
          if (restore != null) {
            si.restoreStates = restore.parts(CheckpointParts.SOURCE, first.uid());
          }
          input = si;
          if (i == 0 && firstAttempt && src instanceof PushSource<?> dc) {
            LongSupplier drops = dc::droppedCount;
            job.addExtraDrops(first.name(), drops);
          }
          startNode = 1;
        } else {
          queueInput =
              new QueueInput(inbound.get(ci).get(i).toArray(new QueueInput.Inbound[0]));
          queueInput.setSampling(metrics);
          input = queueInput;
        }
        List<List<Object>> shapes = suffixShapes(nodes, c.last().kind() != StageNode.Kind.SINK);
        for (int k = startNode; k < nodes.size(); k++) {
          StageNode node = nodes.get(k);
          Link l = link(node, job.newCounter(node.name()), job, shapes.get(k));
          Outlet deadLetterPort = null; // the stage's own, if connected
          for (SidePortSpec sp : sidePortsByStage.getOrDefault(node.id(), List.of())) {
            Outlet port = sp.ports()[i];
            port.useGate(ctx.gate());
            sidePorts.add(port);
            if (sp.tag().equals(dev.sluice.core.fault.DeadLetter.OUTPUT_TAG)) {
              deadLetterPort = port;
            }
            if (l instanceof OperatorLinkBase op) {
              op.connectSideOutput(sp.tag(), port);
            }
          }
          l.errors = errorHandler(node, l.counter, deadLetters, ctx.gate(), deadLetterPort);
          if (l instanceof OperatorLinkBase op) {
            op.stageUid = node.uid();
          }
          l.checkpointUid = node.uid();
          l.checkpoints = checkpoints;
          if (restore != null) {
            restoreLink(l, node, restore, i, c.parallelism());
          }
          links.add(l);
          if (deadLetterPort != null && !(l instanceof OperatorLinkBase)) {
            // operators forward control items to their side ports themselves
            if (!l.connectDeadLetterPort(deadLetterPort)) {
              links.add(new DeadLetterTap(deadLetterPort));
            }
          }
        }
        if (queueInput != null && links.get(0) instanceof KeyedOperatorLink k) {
          queueInput.setKeyedHead(k);
        }
        if (c.last().kind() != StageNode.Kind.SINK) {
          Outlet o = outlets.get(ci)[i];
          o.useGate(ctx.gate()); // a full outlet closes the gate, as a side port does
          links.add(o);
        }
        for (int k = 0; k + 1 < links.size(); k++) {
          links.get(k).next = links.get(k + 1);
        }
        if (queueInput != null) {
          queueInput.bind(links.get(0), secondInput(links.get(0)));
        }
        String taskletName = c.first().name() + (c.parallelism() > 1 ? "#" + i : "");
        Tasklet t =
            new Tasklet(
                taskletName,
                job,
                input,
                links,
                sidePorts.toArray(new Outlet[0]),
                ctx,
                batchSize,
                c.dedicatedThread());
        t.deadLetterBranch = deadLetterBranch;
        for (QueueInput.Inbound in : inbound.get(ci).get(i)) {
          in.channel().consumer = t; // hand-offs wake the tasklets' workers
        }
        if (outlets.get(ci)[i] != null) {
          outlets.get(ci)[i].setProducer(t);
        }
        for (Outlet port : sidePorts) {
          port.setProducer(t);
        }
        // drain() ends the sources it is given; the dead-letter source is not one of them: it
        // ends by itself once every sender has ended and it has read every dead letter
        job.addTasklet(t, isSource && first.kind() != StageNode.Kind.DEAD_LETTERS);
      }
    }
  }

  /** Gives a link its part of {@code restore}: operator state, in-flight calls, committables. */
  private static void restoreLink(
      Link l, StageNode node, RestoreState restore, int instance, int parallelism) {
    String uid = node.uid();
    if (l instanceof OperatorLinkBase op) {
      List<OperatorSnapshot> snapshots = restore.operators(uid);
      if (snapshots != null) {
        op.restoreFrom(snapshots);
      }
    } else if (l instanceof AsyncLink a) {
      a.restoreInFlight(restore.dealt(CheckpointParts.ASYNC, uid, instance, parallelism));
    } else if (node.kind() == StageNode.Kind.SINK) {
      l.restoreCommittables(restore.dealt(CheckpointParts.SINK, uid, instance, parallelism));
    }
  }

  /** The side ports of one connected side output: its tag and a port per producer instance. */
  private record SidePortSpec(OutputTag<?> tag, Outlet[] ports) {}

  private static QueueInput.Inbound inboundOf(Channel ch, PhysicalPlan.EdgeSpec e) {
    return new QueueInput.Inbound(ch, e.ordinal(), e.holdsEventTime(), e.readFirst());
  }

  /** The entry of {@code head}'s second input, or null if it has one input. */
  private static Link secondInput(Link head) {
    if (head instanceof TwoInputOperatorLink t) {
      return t.secondInput;
    }
    if (head instanceof KeyedTwoInputOperatorLink t) {
      return t.secondInput;
    }
    return null;
  }

  private static ErrorHandler errorHandler(
      StageNode node,
      StageCounter counter,
      DeadLetterChannel deadLetters,
      Gate gate,
      Link deadLetterPort) {
    ErrorPolicy p = node.errorPolicy();
    return switch (p.kind()) {
      case FAIL -> ErrorHandler.failing(counter);
      case SKIP ->
          new ErrorHandler(ErrorHandler.Kind.SKIP, null, counter, deadLetters, gate, e -> {});
      case REPLACE ->
          new ErrorHandler(
              ErrorHandler.Kind.REPLACE, p.replacement(), counter, deadLetters, gate, e -> {});
      case DEAD_LETTER ->
          new ErrorHandler(
              ErrorHandler.Kind.DEAD_LETTER,
              null,
              counter,
              deadLetters,
              gate,
              deadLetterPort,
              e -> {});
    };
  }

  /**
   * Reports the transitions of the job's circuit breakers to the job (and so the engine): a
   * listener is added when the job starts and removed when it ends, so a pipeline submitted many
   * times reports each transition once, to the job running it, and keeps no ended job.
   */
  private static void watchBreakers(StageNode n, JobExecution job) {
    java.util.function.Consumer<dev.sluice.core.fault.CircuitTransition> forward =
        job::circuitTransition;
    if (n.kind() == StageNode.Kind.ASYNC_MAP && ((AsyncSpec) n.function()).transitions() != null) {
      CircuitTransitionListeners transitions = ((AsyncSpec) n.function()).transitions();
      job.onStart(() -> transitions.add(forward));
      job.onEnd(() -> transitions.remove(forward));
    } else if (n.kind() == StageNode.Kind.SINK
        && n.function() instanceof dev.sluice.core.fault.CircuitBreakingSink<?> cbs) {
      job.onStart(() -> cbs.onTransition(forward));
      job.onEnd(() -> cbs.removeTransitionListener(forward));
    }
  }

  /** The number of key groups of a keyed or partition stage (kept in the node's extra slot). */
  static int maxParallelism(StageNode n) {
    return n.extra() instanceof KeySpec spec
        ? spec.maxParallelism()
        : KeyGroups.DEFAULT_MAX_PARALLELISM;
  }

  /** The primitive key function of a stage keyed with {@code keyByLong}, else null. */
  static ToLongFunction<Object> longKey(StageNode n) {
    return n.extra() instanceof KeySpec spec ? spec.longKey() : null;
  }

  /**
   * For each node of a chain, the shape of the chain from that node to its end: (kind, function
   * class) per node, then the tail. Links of the same shape share their specialised classes.
   */
  private static List<List<Object>> suffixShapes(List<StageNode> nodes, boolean outletTail) {
    List<List<Object>> shapes = new ArrayList<>(nodes.size());
    List<Object> suffix = new ArrayList<>();
    if (outletTail) {
      suffix.add(Outlet.class);
    }
    for (int k = nodes.size() - 1; k >= 0; k--) {
      StageNode n = nodes.get(k);
      suffix.add(0, n.function() == null ? Void.class : n.function().getClass());
      suffix.add(0, n.kind());
      shapes.add(0, List.copyOf(suffix));
    }
    return shapes;
  }

  private static final MethodType STATELESS =
      MethodType.methodType(void.class, StageCounter.class, Object.class);

  /** A stateless link of {@code base}, specialised for {@code shape}. */
  private static Link stateless(
      Class<? extends Link> base, Class<?> fnType, List<Object> shape, StageCounter c, Object f) {
    return SpecializedLinks.create(base, shape, STATELESS.changeParameterType(1, fnType), c, f);
  }

  @SuppressWarnings("unchecked")
  private static Link link(StageNode n, StageCounter counter, JobExecution job, List<Object> shape) {
    Object f = n.function();
    return switch (n.kind()) {
      case MAP -> stateless(StatelessLinks.MapLink.class, Function.class, shape, counter, f);
      case FILTER -> stateless(StatelessLinks.FilterLink.class, Predicate.class, shape, counter, f);
      case FLAT_MAP ->
          stateless(StatelessLinks.FlatMapLink.class, Function.class, shape, counter, f);
      case MAP_MULTI ->
          stateless(StatelessLinks.MapMultiLink.class, BiConsumer.class, shape, counter, f);
      case PEEK -> stateless(StatelessLinks.PeekLink.class, Consumer.class, shape, counter, f);
      case TIMESTAMPS ->
          SpecializedLinks.create(
              TimestampLink.class,
              shape,
              MethodType.methodType(
                  void.class, StageCounter.class, ToLongFunction.class, WatermarkPolicy.class),
              counter,
              f,
              n.extra());
      case OPERATOR ->
          new OperatorLink(counter, ((Supplier<Operator<Object, Object>>) f).get());
      case KEYED_OPERATOR ->
          new KeyedOperatorLink(
              counter,
              n.keyFn(),
              longKey(n),
              ((Supplier<KeyedOperator<Object, Object, Object>>) f).get(),
              maxParallelism(n));
      case TWO_INPUT_OPERATOR, BROADCAST_OPERATOR ->
          new TwoInputOperatorLink(counter, ((Supplier<?>) f).get());
      case KEYED_TWO_INPUT_OPERATOR, KEYED_BROADCAST_OPERATOR ->
          new KeyedTwoInputOperatorLink(
              counter, n.keyFn(0), n.keyFn(1), ((Supplier<?>) f).get(), maxParallelism(n));
      case ASYNC_MAP -> new AsyncLink(counter, (AsyncSpec) f);
      case UNION, PARTITION, REBALANCE, SIDE_OUTPUT ->
          SpecializedLinks.create(
              StatelessLinks.IdentityLink.class,
              shape,
              MethodType.methodType(void.class, StageCounter.class),
              counter);
      case SINK ->
          SpecializedLinks.create(
              SinkLink.class,
              shape,
              MethodType.methodType(
                  void.class,
                  StageCounter.class,
                  Sink.class,
                  dev.sluice.core.fault.RestartStrategy.class,
                  JobExecution.class),
              counter,
              f,
              n.restart(),
              job);
      case SOURCE, DEAD_LETTERS ->
          throw new IllegalStateException("a source can only start a chain");
    };
  }
}
