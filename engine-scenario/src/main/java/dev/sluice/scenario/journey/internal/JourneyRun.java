package dev.sluice.scenario.journey.internal;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.scenario.journey.Journey;
import dev.sluice.scenario.journey.JourneyResult;
import dev.sluice.scenario.journey.LatencySummary;
import dev.sluice.scenario.journey.LoadPlan;
import dev.sluice.scenario.journey.ResourcePool;
import dev.sluice.scenario.journey.StepResult;
import dev.sluice.scenario.journey.UserContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** One run of journeys: the users' contexts, their timing and the counts. */
public final class JourneyRun {
  static final String OUTSIDE_STEPS = "(outside steps)";

  /** A named figure in first-use order. */
  private static final class Named {
    final String name;
    final long order;
    final Latencies latency = new Latencies();
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();

    Named(String name, long order) {
      this.name = name;
      this.order = order;
    }
  }

  private final String name;
  private final int cap;
  private final LoadPlan plan;
  private final Journey journey;
  private final OpenLoop<User> loop;
  private final Slots slots;
  private final AtomicLong order = new AtomicLong();
  private final Map<String, Named> steps = new ConcurrentHashMap<>();
  private final Map<String, Named> pools = new ConcurrentHashMap<>();
  private final Map<String, Named> failuresByStep = new ConcurrentHashMap<>();
  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder delayedByCap = new LongAdder();
  private final LongAdder backlog = new LongAdder();
  private final LongAdder warmup = new LongAdder();
  private final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
  private final Latencies journeyLatency = new Latencies();
  private final Latencies startDelay = new Latencies();
  /** Set when the figures are read: journeys ending later (after a cut-off) are not counted. */
  private volatile boolean finished;

  /** Prepares a run. */
  public JourneyRun(String name, int cap, LoadPlan plan, Journey journey) {
    this.name = name;
    this.cap = cap;
    this.plan = plan;
    this.journey = journey;
    this.loop = new OpenLoop<>(plan);
    this.slots = new Slots(cap);
  }

  /** One virtual user. */
  private final class User implements UserContext {
    final byte[] payload;
    long userId;
    long intendedNanos;
    boolean measured;
    volatile String failedStep;

    User(byte[] payload) {
      this.payload = payload;
    }

    @Override
    public long userId() {
      return userId;
    }

    @Override
    public long intendedArrivalNanos() {
      return intendedNanos;
    }

    @Override
    public byte[] payload() {
      return payload;
    }

    @Override
    public <T> CompletionStage<T> step(
        String stepName, Supplier<? extends CompletionStage<T>> action) {
      Objects.requireNonNull(stepName, "stepName");
      Named stats = measured ? named(steps, stepName) : null;
      long t0 = System.nanoTime();
      CompletionStage<T> stage;
      try {
        stage = Objects.requireNonNull(action.get(), "step '" + stepName + "' returned null");
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      CompletableFuture<T> out = new CompletableFuture<>();
      stage.whenComplete((value, failure) -> {
        long took = System.nanoTime() - t0;
        if (stats != null) {
          stats.calls.increment();
          if (failure == null) {
            stats.latency.record(took);
          } else {
            stats.failures.increment();
          }
        }
        if (failure != null) {
          if (failedStep == null) {
            failedStep = stepName;
          }
          out.completeExceptionally(failure);
        } else {
          out.complete(value);
        }
      });
      return out;
    }

    @Override
    public <R> CompletionStage<R> take(ResourcePool<R> pool) {
      Named stats = measured ? named(pools, pool.name()) : null;
      long t0 = System.nanoTime();
      return pool.take().whenComplete((r, failure) -> {
        if (stats != null) {
          stats.calls.increment();
          if (failure == null) {
            stats.latency.record(System.nanoTime() - t0);
          } else {
            stats.failures.increment();
          }
        }
      });
    }
  }

  private Named named(Map<String, Named> map, String key) {
    Named n = map.get(key);
    return n != null ? n : map.computeIfAbsent(key, k -> new Named(k, order.getAndIncrement()));
  }

  /** Runs the plan; blocks until the run ends. */
  public JourneyResult run(Engine engine) throws InterruptedException {
    PayloadGenerator generator =
        PayloadGenerators.require(plan.payloadType()).create(plan.generatorSpec());
    OpenLoop.Phases phases = loop.run(engine, name, n -> new User(generator.next()), cap,
        Duration.ZERO, null, new Calls());
    return result(phases);
  }

  private final class Calls implements OpenLoop.Calls<User> {
    @Override
    public boolean admit(ScheduledEvent<User> e) {
      return true;
    }

    @Override
    public void onSkipped(ScheduledEvent<User> e) {
      if (loop.measured(e.intendedNanos())) {
        skipped.increment();
      } else {
        warmup.increment();
      }
    }

    @Override
    public CompletionStage<?> start(ScheduledEvent<User> e) {
      User u = e.payload();
      u.userId = e.sequence();
      u.intendedNanos = e.intendedNanos();
      u.measured = loop.measured(e.intendedNanos());
      if (!slots.tryAcquire()) {
        // cannot happen while mapAsync's concurrency equals the cap; counted if it ever does
        failed.increment();
        failure(OUTSIDE_STEPS);
        return CompletableFuture.completedFuture(u);
      }
      long now = System.nanoTime();
      if (u.measured) {
        started.increment();
        lastStart.accumulateAndGet(now, Math::max);
        startDelay.record(now - u.intendedNanos);
        if (slots.capReachedSince(u.intendedNanos) && now - u.intendedNanos > 0) {
          delayedByCap.increment();
        }
        long end = loop.scheduleEndNanos();
        if (u.intendedNanos < end && now >= end) {
          backlog.increment();
        }
      } else {
        warmup.increment();
      }
      CompletionStage<?> stage;
      try {
        stage = Objects.requireNonNull(journey.run(u), "the journey returned null");
      } catch (RuntimeException ex) {
        stage = CompletableFuture.failedFuture(ex);
      }
      CompletableFuture<Object> done = new CompletableFuture<>();
      stage.whenComplete((r, failure) -> {
        long end = System.nanoTime();
        slots.release();
        if (u.measured && !finished) {
          lastEnd.accumulateAndGet(end, Math::max);
          if (failure == null) {
            completed.increment();
            journeyLatency.record(end - u.intendedNanos);
          } else {
            failed.increment();
            failure(u.failedStep == null ? OUTSIDE_STEPS : u.failedStep);
          }
        }
        done.complete(u); // journeys' failures are counted here, not by mapAsync
      });
      return done;
    }

    @Override
    public Object onNotCompleted(ScheduledEvent<User> e) {
      return e.payload(); // no timeout and no breaker: does not happen
    }
  }

  private void failure(String step) {
    named(failuresByStep, step).calls.increment();
  }

  private static List<Named> ordered(Map<String, Named> map) {
    List<Named> list = new ArrayList<>(map.values());
    list.sort(Comparator.comparingLong(n -> n.order));
    return list;
  }

  private JourneyResult result(OpenLoop.Phases p) {
    finished = true;
    long firstAfter = p.scheduleEndNanos();
    long ls = lastStart.get();
    long le = lastEnd.get();
    long arrivalEnd = p.cutOff() ? p.endNanos() : Math.max(firstAfter, ls == Long.MIN_VALUE ? 0 : ls);
    long end = p.cutOff() ? p.endNanos() : Math.max(firstAfter, le == Long.MIN_VALUE ? 0 : le);
    double arrivalSeconds = Math.max(1e-9, (arrivalEnd - p.measuredStartNanos()) / 1e9);
    double measuredSeconds = Math.max(1e-9, (end - p.measuredStartNanos()) / 1e9);
    double lateFinish = le == Long.MIN_VALUE ? 0 : Math.max(0, (le - p.scheduleEndNanos()) / 1e9);
    Map<String, Long> failures = new LinkedHashMap<>();
    for (Named n : ordered(failuresByStep)) {
      failures.put(n.name, n.calls.sum());
    }
    List<StepResult> stepResults = new ArrayList<>();
    for (Named n : ordered(steps)) {
      stepResults.add(new StepResult(n.name, n.calls.sum(), n.failures.sum(), n.latency.summary()));
    }
    Map<String, LatencySummary> poolWaits = new LinkedHashMap<>();
    for (Named n : ordered(pools)) {
      poolWaits.put(n.name, n.latency.summary());
    }
    String policy = plan.onCapReached() == LoadPlan.OnCapReached.WAIT ? "WAIT"
        : "SKIP after " + plan.maxWait().toMillis() + " ms";
    double durationSeconds = plan.duration().toNanos() / 1e9;
    return new JourneyResult(plan.arrivals().describe(), cap, policy, p.plannedMeasured(),
        p.plannedMeasured() / durationSeconds, started.sum(), completed.sum(), failed.sum(),
        skipped.sum(), failures, stepResults, journeyLatency.summary(), startDelay.summary(),
        delayedByCap.sum(), slots.maxActive(), poolWaits, arrivalSeconds,
        started.sum() / arrivalSeconds, measuredSeconds, completed.sum() / measuredSeconds,
        backlog.sum(), lateFinish, p.cutOff(), warmup.sum());
  }
}
