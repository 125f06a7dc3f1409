package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Each strategy against a sink that takes nothing until released: what is delivered, what is
 * dropped, and that every stage's accounting balances.
 */
class BackpressureTest {
  private static final int N = 10_000;
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** A subscriber that requests nothing until {@link #release()}. */
  static final class GatedSubscriber implements Subscriber<Integer> {
    final List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Subscription subscription;
    volatile boolean completed;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Integer t) {
      received.add(t);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {
      completed = true;
    }

    void release() {
      subscription.request(Long.MAX_VALUE);
    }
  }

  private Job run(BackpressureStrategy strategy, GatedSubscriber subscriber) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", IntStream.range(0, N).boxed().toList()))
        .sink(Sinks.subscriber("gated", subscriber))
        .backpressure(strategy)
        .queueCapacity(16);
    return engine.submit(p);
  }

  private static void awaitSourceOut(Job job, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (job.counts("numbers").out() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
  }

  private static void assertAscending(List<Integer> xs) {
    for (int i = 1; i < xs.size(); i++) {
      assertThat(xs.get(i)).isGreaterThan(xs.get(i - 1));
    }
  }

  @Test
  void blockLosesNothing() throws Exception {
    GatedSubscriber s = new GatedSubscriber();
    Job job = run(BackpressureStrategy.BLOCK, s);
    Thread.sleep(50);
    assertThat(job.counts("numbers").out()).isLessThan(N); // held back, not dropped
    s.release();
    job.join(Duration.ofSeconds(20));
    assertThat(s.received).containsExactlyElementsOf(IntStream.range(0, N).boxed().toList());
    assertThat(s.completed).isTrue();
    assertThat(job.counts("gated").dropped()).isZero();
    job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
  }

  @Test
  void dropNewestKeepsTheFirstEventsAndCountsTheRest() throws Exception {
    GatedSubscriber s = new GatedSubscriber();
    Job job = run(BackpressureStrategy.DROP_NEWEST, s);
    awaitSourceOut(job, N);
    s.release();
    job.join(Duration.ofSeconds(20));
    // 16 events in the held batch + 16 in the producer's batch: the first 32 survive
    assertThat(s.received).containsExactlyElementsOf(IntStream.range(0, 32).boxed().toList());
    StageCounts sink = job.counts("gated");
    assertThat(sink.in()).isEqualTo(N);
    assertThat(sink.dropped()).isEqualTo(N - 32);
    assertThat(sink.balanced()).isTrue();
  }

  @Test
  void dropOldestKeepsTheNewestEvents() throws Exception {
    GatedSubscriber s = new GatedSubscriber();
    Job job = run(BackpressureStrategy.DROP_OLDEST, s);
    awaitSourceOut(job, N);
    s.release();
    job.join(Duration.ofSeconds(20));
    assertAscending(s.received);
    assertThat(s.received).contains(N - 1).hasSizeLessThanOrEqualTo(48);
    StageCounts sink = job.counts("gated");
    assertThat(sink.dropped()).isEqualTo(N - s.received.size());
    assertThat(sink.balanced()).isTrue();
  }

  @Test
  void sampleThrottlesTheProducerAndDropsTheRest() throws Exception {
    GatedSubscriber s = new GatedSubscriber();
    Job job = run(BackpressureStrategy.sample(0.1), s);
    Thread.sleep(100);
    long readWhileFull = job.counts("numbers").out();
    assertThat(readWhileFull).as("a kept sample holds the producer back").isLessThan(N);
    assertThat(job.counts("gated").dropped()).isGreaterThanOrEqualTo(9);
    s.release();
    job.join(Duration.ofSeconds(20));
    assertAscending(s.received);
    StageCounts sink = job.counts("gated");
    assertThat(sink.in()).isEqualTo(N);
    assertThat(sink.out()).isEqualTo(s.received.size());
    assertThat(sink.balanced()).isTrue();
  }

  @Test
  void pushSourceStrategiesCountDrops() throws Exception {
    PushSource<Integer> newest = Sources.push("p", 4, BackpressureStrategy.DROP_NEWEST);
    int accepted = 0;
    for (int i = 0; i < 10; i++) {
      if (newest.offer(i)) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(4);
    assertThat(newest.droppedCount()).isEqualTo(6);
    assertThat(newest.tryOffer(99)).isFalse();

    PushSource<Integer> oldest = Sources.push("q", 4, BackpressureStrategy.DROP_OLDEST);
    for (int i = 0; i < 10; i++) {
      assertThat(oldest.offer(i)).isTrue();
    }
    assertThat(oldest.droppedCount()).isEqualTo(6);
    oldest.complete();
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(oldest).sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    assertThat(out.items()).containsExactly(6, 7, 8, 9);
    StageCounts src = job.counts("q");
    assertThat(src.in()).isEqualTo(10);
    assertThat(src.dropped()).isEqualTo(6);
    assertThat(src.balanced()).isTrue();
  }
}
