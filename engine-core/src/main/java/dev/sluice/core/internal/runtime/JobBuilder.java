package dev.sluice.core.internal.runtime;

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
import java.util.ArrayList;
import java.util.List;
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

  /** Builds the execution of {@code plan}. */
  @SuppressWarnings("unchecked")
  public JobExecution build(long id, String name, PhysicalPlan plan) {
    JobExecution job = new JobExecution(id, name);
    job.setMetricsEnabled(metrics);
    DeadLetterChannel deadLetters = new DeadLetterChannel(clock);
    boolean[] onDeadLetterBranch = Planner.deadLetterBranches(plan.stages());
    for (StageNode s : plan.stages()) {
      job.registerStage(s.name());
      watchBreakers(s, job);
    }
    int chainCount = plan.chains().size();
    // inbound channels per chain per consumer instance; outlets per chain per producer instance
    List<List<List<Channel>>> inbound = new ArrayList<>();
    List<Outlet[]> outlets = new ArrayList<>();
    for (PhysicalPlan.ChainSpec c : plan.chains()) {
      List<List<Channel>> perInstance = new ArrayList<>();
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
    for (PhysicalPlan.EdgeSpec e : plan.edges()) {
      PhysicalPlan.ChainSpec from = plan.chains().get(e.from());
      PhysicalPlan.ChainSpec to = plan.chains().get(e.to());
      String consumerStage = to.first().name();
      Outlet.Routing routing = Outlet.Routing.valueOf(e.routing().name());
      List<Channel> edgeChannels = new ArrayList<>();
      List<ChannelWriter> edgeWriters = new ArrayList<>();
      if (routing == Outlet.Routing.FORWARD) {
        for (int p = 0; p < from.parallelism(); p++) {
          Channel ch = new Channel(e.capacityEvents(), batchSize, e.strategy());
          ChannelWriter w = new ChannelWriter(ch, outlets.get(e.from())[p], e.strategy());
          job.addInputWriter(consumerStage, w);
          edgeChannels.add(ch);
          edgeWriters.add(w);
          inbound.get(e.to()).get(p).add(ch);
          outlets.get(e.from())[p].addEdge(new Outlet.Edge(routing, new ChannelWriter[] {w}, null));
        }
      } else {
        for (int p = 0; p < from.parallelism(); p++) {
          ChannelWriter[] ws = new ChannelWriter[to.parallelism()];
          for (int c = 0; c < to.parallelism(); c++) {
            Channel ch = new Channel(e.capacityEvents(), batchSize, e.strategy());
            ws[c] = new ChannelWriter(ch, outlets.get(e.from())[p], e.strategy());
            job.addInputWriter(consumerStage, ws[c]);
            edgeChannels.add(ch);
            edgeWriters.add(ws[c]);
            inbound.get(e.to()).get(c).add(ch);
          }
          outlets.get(e.from())[p].addEdge(new Outlet.Edge(routing, ws, e.keyFn()));
        }
      }
      job.addEdge(
          new JobExecution.EdgeMetrics(
              from.last().name(), consumerStage, edgeChannels, edgeWriters));
    }
    for (int ci = 0; ci < chainCount; ci++) {
      PhysicalPlan.ChainSpec c = plan.chains().get(ci);
      for (int i = 0; i < c.parallelism(); i++) {
        List<Link> links = new ArrayList<>();
        Input input;
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
                  job.newCounter(first.name()));
          startNode = 1;
        } else if (isSource) {
          Source<Object> src = (Source<Object>) first.function();
          input = new SourceInput(src, job.newCounter(first.name(), true), first.restart());
          if (i == 0 && src instanceof PushSource<?> dc) {
            LongSupplier drops = dc::droppedCount;
            job.addExtraDrops(first.name(), drops);
          }
          startNode = 1;
        } else {
          QueueInput q = new QueueInput(inbound.get(ci).get(i).toArray(new Channel[0]));
          q.setSampling(metrics);
          input = q;
        }
        for (int k = startNode; k < nodes.size(); k++) {
          StageNode node = nodes.get(k);
          Link l = link(node, job.newCounter(node.name()));
          l.errors = errorHandler(node, l.counter, deadLetters);
          links.add(l);
        }
        if (c.last().kind() != StageNode.Kind.SINK) {
          links.add(outlets.get(ci)[i]);
        }
        for (int k = 0; k + 1 < links.size(); k++) {
          links.get(k).next = links.get(k + 1);
        }
        TaskletContext ctx = new TaskletContext(i, c.parallelism(), clock);
        String taskletName = c.first().name() + (c.parallelism() > 1 ? "#" + i : "");
        Tasklet t = new Tasklet(taskletName, job, input, links, ctx, batchSize, c.dedicatedThread());
        t.deadLetterBranch = deadLetterBranch;
        for (Channel ch : inbound.get(ci).get(i)) {
          ch.consumer = t; // hand-offs wake the tasklets' workers
        }
        if (outlets.get(ci)[i] != null) {
          outlets.get(ci)[i].setProducer(t);
        }
        job.addTasklet(t, isSource);
      }
    }
    return job;
  }

  private static ErrorHandler errorHandler(
      StageNode node, StageCounter counter, DeadLetterChannel deadLetters) {
    ErrorPolicy p = node.errorPolicy();
    return switch (p.kind()) {
      case FAIL -> ErrorHandler.failing(counter);
      case SKIP -> new ErrorHandler(ErrorHandler.Kind.SKIP, null, counter, deadLetters, e -> {});
      case REPLACE ->
          new ErrorHandler(ErrorHandler.Kind.REPLACE, p.replacement(), counter, deadLetters, e -> {});
      case DEAD_LETTER ->
          new ErrorHandler(ErrorHandler.Kind.DEAD_LETTER, null, counter, deadLetters, e -> {});
    };
  }

  /** Reports the transitions of the job's circuit breakers to the job (and so the engine). */
  private static void watchBreakers(StageNode n, JobExecution job) {
    if (n.kind() == StageNode.Kind.ASYNC_MAP && ((AsyncSpec) n.function()).circuitBreaker() != null) {
      io.github.resilience4j.circuitbreaker.CircuitBreaker cb =
          ((AsyncSpec) n.function()).circuitBreaker();
      cb.getEventPublisher()
          .onStateTransition(
              e -> job.circuitTransition(
                  new dev.sluice.core.fault.CircuitTransition(
                      cb.getName(),
                      e.getStateTransition().getFromState().name(),
                      e.getStateTransition().getToState().name(),
                      System.currentTimeMillis())));
    } else if (n.kind() == StageNode.Kind.SINK
        && n.function() instanceof dev.sluice.core.fault.CircuitBreakingSink<?> cbs) {
      cbs.onTransition(job::circuitTransition);
    }
  }

  @SuppressWarnings("unchecked")
  private static Link link(StageNode n, StageCounter counter) {
    Object f = n.function();
    return switch (n.kind()) {
      case MAP -> new StatelessLinks.MapLink(counter, (Function<Object, Object>) f);
      case FILTER -> new StatelessLinks.FilterLink(counter, (Predicate<Object>) f);
      case FLAT_MAP ->
          new StatelessLinks.FlatMapLink(counter, (Function<Object, ? extends Iterable<?>>) f);
      case MAP_MULTI ->
          new StatelessLinks.MapMultiLink(counter, (BiConsumer<Object, Consumer<Object>>) f);
      case PEEK -> new StatelessLinks.PeekLink(counter, (Consumer<Object>) f);
      case TIMESTAMPS ->
          new TimestampLink(counter, (ToLongFunction<Object>) f, (WatermarkPolicy) n.extra());
      case OPERATOR ->
          new OperatorLink(counter, ((Supplier<Operator<Object, Object>>) f).get());
      case KEYED_OPERATOR ->
          new KeyedOperatorLink(
              counter,
              n.keyFn(),
              ((Supplier<KeyedOperator<Object, Object, Object>>) f).get());
      case ASYNC_MAP -> new AsyncLink(counter, (AsyncSpec) f);
      case UNION, PARTITION, REBALANCE -> new StatelessLinks.IdentityLink(counter);
      case SINK -> new SinkLink(counter, (Sink<Object>) f, n.restart());
      case SOURCE, DEAD_LETTERS ->
          throw new IllegalStateException("a source can only start a chain");
    };
  }
}
