package dev.sluice.scenario.http.internal;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.scenario.http.HttpErrorKind;
import dev.sluice.scenario.http.HttpTargetResult;
import dev.sluice.scenario.http.HttpTargetSpec;
import dev.sluice.scenario.journey.LoadPlan;
import dev.sluice.scenario.journey.internal.Latencies;
import dev.sluice.scenario.journey.internal.OpenLoop;
import dev.sluice.scenario.journey.internal.Slots;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of an HTTP target: renders each arrival's request from its payload, sends it with the
 * JDK's asynchronous {@link HttpClient} inside the core's {@code mapAsync} (cap, timeout, circuit
 * breaker), and classifies and times every outcome. Each request is settled exactly once (an
 * {@link AtomicBoolean}): by its response or failure, or by mapAsync's fallback when the circuit
 * was open or the call was abandoned on a timeout.
 */
public final class HttpRun {
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** One arrival's request; mutable, owned by the run. */
  static final class Exchange {
    final byte[] payload;
    final AtomicBoolean settled = new AtomicBoolean();
    HttpRequest request;
    volatile long sendNanos;
    volatile CompletableFuture<?> inFlight;

    Exchange(byte[] payload) {
      this.payload = payload;
    }
  }

  private final HttpTargetSpec spec;
  private final LoadPlan plan;
  private final HttpCalls calls;
  private final OpenLoop<Exchange> loop;
  private final Slots slots;
  private final Map<HttpErrorKind, LongAdder> errors = new EnumMap<>(HttpErrorKind.class);
  private final LongAdder sent = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder delayedByCap = new LongAdder();
  private final LongAdder backlog = new LongAdder();
  private final LongAdder warmup = new LongAdder();
  private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
  private final Latencies latency = new Latencies();
  private final Latencies serviceTime = new Latencies();
  private final Latencies sendDelay = new Latencies();
  private HttpClient client;
  /** Set when the run's figures are read: answers arriving later (after a cut-off) are ignored. */
  private volatile boolean finished;

  /**
   * Prepares a run; checks the templates against the plan's first payload.
   *
   * @throws IllegalArgumentException if the payload generator is unknown or a template reads a
   *     field the first payload lacks (located), or needs JSON and the payloads are not JSON
   */
  public HttpRun(HttpTargetSpec spec, LoadPlan plan) {
    this.spec = spec;
    this.plan = plan;
    this.calls = new HttpCalls(spec);
    for (HttpErrorKind k : HttpErrorKind.values()) {
      errors.put(k, new LongAdder());
    }
    this.loop = new OpenLoop<>(plan);
    this.slots = new Slots(spec.maxInFlight());
    PayloadGenerator sample = newGenerator();
    calls.checkFields(sample.next(), plan.payloadType(), sample.format());
  }

  private PayloadGenerator newGenerator() {
    return PayloadGenerators.require(plan.payloadType()).create(plan.generatorSpec());
  }

  /** Runs the plan on {@code engine}; blocks until the run ends. */
  public HttpTargetResult run(Engine engine) throws InterruptedException {
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sluice-http-" + spec.name());
              t.setDaemon(true);
              return t;
            });
    int runId = RUNS.incrementAndGet();
    String jobName = spec.name() + "-" + runId;
    CircuitBreakerSettings breaker = spec.circuitBreaker() == null ? null
        : new CircuitBreakerSettings(jobName + "-circuit", spec.circuitBreaker().failureThreshold(),
            spec.circuitBreaker().resetTimeout(), spec.circuitBreaker().successesToClose(),
            spec.circuitBreaker().whileOpen());
    client = calls.newClient(executor);
    PayloadGenerator generator = newGenerator();
    OpenLoop.Phases phases;
    try {
      phases = loop.run(engine, jobName, n -> new Exchange(generator.next()), spec.maxInFlight(),
          // mapAsync's timeout is a backstop for the client's own (which covers only the time
          // to the response headers): a little later, so the client's normally fires first
          spec.timeout().plus(spec.timeout().dividedBy(10)).plusMillis(10), breaker, new Callbacks());
    } finally {
      executor.shutdownNow();
    }
    return result(phases);
  }

  private final class Callbacks implements OpenLoop.Calls<Exchange> {
    @Override
    public boolean admit(ScheduledEvent<Exchange> e) {
      Exchange x = e.payload();
      try {
        x.request = request(e);
        return true;
      } catch (Template.MissingFieldException missing) {
        settle(e, HttpErrorKind.TEMPLATE);
      } catch (IllegalArgumentException badUri) {
        settle(e, HttpErrorKind.OTHER);
      }
      return false;
    }

    @Override
    public void onSkipped(ScheduledEvent<Exchange> e) {
      settle(e, HttpErrorKind.IN_FLIGHT_CAP);
    }

    @Override
    public CompletionStage<?> start(ScheduledEvent<Exchange> e) {
      Exchange x = e.payload();
      if (!slots.tryAcquire()) {
        // only while an exchange abandoned on a timeout still holds its slot
        settle(e, HttpErrorKind.IN_FLIGHT_CAP);
        return CompletableFuture.failedFuture(new HttpCalls.RequestFailed(HttpErrorKind.IN_FLIGHT_CAP));
      }
      long now = System.nanoTime();
      x.sendNanos = now;
      CompletableFuture<Object> done = new CompletableFuture<>();
      CompletableFuture<? extends HttpResponse<?>> http;
      try {
        http = calls.send(client, x.request);
      } catch (RuntimeException ex) {
        slots.release();
        settle(e, HttpErrorKind.OTHER);
        return CompletableFuture.failedFuture(new HttpCalls.RequestFailed(HttpErrorKind.OTHER));
      }
      x.inFlight = http;
      http.whenComplete((response, failure) -> onResponse(e, response, failure, done));
      done.whenComplete((r, failure) -> {
        if (failure instanceof CancellationException) {
          http.cancel(true); // mapAsync abandoned the call (its timeout): stop the exchange
        }
      });
      return done;
    }

    @Override
    public Object onNotCompleted(ScheduledEvent<Exchange> e) {
      Exchange x = e.payload();
      if (!x.settled.get()) {
        // never sent: the circuit was open; sent and unsettled: mapAsync's timeout fired first
        settle(e, x.sendNanos == 0 ? HttpErrorKind.CIRCUIT_OPEN : HttpErrorKind.TIMEOUT);
      }
      return x;
    }
  }

  private HttpRequest request(ScheduledEvent<Exchange> e) throws Template.MissingFieldException {
    return calls.request(e.payload().payload, e.sequence(), e.intendedEpochMillis());
  }

  private void onResponse(
      ScheduledEvent<Exchange> e, HttpResponse<?> response, Throwable failure,
      CompletableFuture<Object> done) {
    long now = System.nanoTime();
    slots.release();
    Exchange x = e.payload();
    HttpErrorKind kind = failure != null ? HttpCalls.classify(failure) : calls.classify(response);
    if (kind == null && failure != null) {
      return; // cancelled by us after mapAsync abandoned it: already settled as a timeout
    }
    if (finished || !x.settled.compareAndSet(false, true)) {
      return; // settled by mapAsync's timeout first, or the run was cut off and is over
    }
    if (loop.measured(e.intendedNanos())) {
      completed.increment();
      lastCompletion.accumulateAndGet(now, Math::max);
      if (kind == null) {
        succeeded.increment();
        latency.record(now - e.intendedNanos());
        serviceTime.record(now - x.sendNanos);
      } else {
        errors.get(kind).increment();
      }
      noteSent(e, x);
    } else {
      warmup.increment();
    }
    if (kind == null) {
      done.complete(x);
    } else {
      done.completeExceptionally(new HttpCalls.RequestFailed(kind));
    }
  }

  /** Counts a sent request's send-side figures (measured phase only). */
  private void noteSent(ScheduledEvent<Exchange> e, Exchange x) {
    sent.increment();
    sendDelay.record(x.sendNanos - e.intendedNanos());
    if (slots.capReachedSince(e.intendedNanos()) && x.sendNanos - e.intendedNanos() > 0) {
      delayedByCap.increment();
    }
    long end = loop.scheduleEndNanos();
    if (e.intendedNanos() < end && x.sendNanos >= end) {
      backlog.increment();
    }
  }

  /** Settles an exchange that got no response of its own (not sent, or abandoned). */
  private void settle(ScheduledEvent<Exchange> e, HttpErrorKind kind) {
    Exchange x = e.payload();
    if (!x.settled.compareAndSet(false, true)) {
      return;
    }
    if (!loop.measured(e.intendedNanos())) {
      warmup.increment();
      return;
    }
    errors.get(kind).increment();
    if (x.sendNanos != 0) { // sent and abandoned on mapAsync's timeout
      long now = System.nanoTime();
      completed.increment();
      lastCompletion.accumulateAndGet(now, Math::max);
      noteSent(e, x);
      CompletableFuture<?> http = x.inFlight;
      if (http != null) {
        http.cancel(true);
      }
    }
  }

  private HttpTargetResult result(OpenLoop.Phases p) {
    finished = true;
    long last = lastCompletion.get();
    long measuredEnd = p.cutOff() ? p.endNanos() : Math.max(p.scheduleEndNanos(),
        last == Long.MIN_VALUE ? p.scheduleEndNanos() : last);
    double measuredSeconds = Math.max(1e-9, (measuredEnd - p.measuredStartNanos()) / 1e9);
    double lateFinish = last == Long.MIN_VALUE ? 0
        : Math.max(0, (last - p.scheduleEndNanos()) / 1e9);
    Map<HttpErrorKind, Long> errorCounts = new EnumMap<>(HttpErrorKind.class);
    for (Map.Entry<HttpErrorKind, LongAdder> en : errors.entrySet()) {
      errorCounts.put(en.getKey(), en.getValue().sum());
    }
    double durationSeconds = plan.duration().toNanos() / 1e9;
    String policy = plan.onCapReached() == LoadPlan.OnCapReached.WAIT ? "WAIT"
        : "SKIP after " + plan.maxWait().toMillis() + " ms";
    RateProfile arrivals = plan.arrivals();
    return new HttpTargetResult(spec.describe(), arrivals.describe(), policy, p.plannedMeasured(),
        p.plannedMeasured() / durationSeconds, sent.sum(), completed.sum(), succeeded.sum(),
        errorCounts, measuredSeconds, completed.sum() / measuredSeconds,
        succeeded.sum() / measuredSeconds, latency.summary(), serviceTime.summary(),
        sendDelay.summary(), delayedByCap.sum(), slots.maxActive(), backlog.sum(), lateFinish,
        p.cutOff(), p.circuitTransitions(), warmup.sum());
  }
}
