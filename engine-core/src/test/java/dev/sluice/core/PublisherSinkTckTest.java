package dev.sluice.core;

import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (publisher rules) against {@link PublisherSink}: each publisher under
 * test is the sink of a running job whose generator source emits the requested number of
 * elements. Runs on TestNG through the JUnit platform.
 */
public class PublisherSinkTckTest extends PublisherVerification<Long> {
  private Engine engine;

  public PublisherSinkTckTest() {
    super(new TestEnvironment(1_000));
  }

  @BeforeClass
  public void startEngine() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("tck"));
  }

  @AfterClass
  public void stopEngine() {
    engine.close();
  }

  @Override
  public Publisher<Long> createPublisher(long elements) {
    long[] next = {0};
    Supplier<Long> counter = () -> next[0]++;
    PublisherSink<Long> sink = Sinks.publisher("tck-sink");
    Pipeline p = Pipeline.create();
    p.source(Sources.generator("tck-source", counter, elements)).sink(sink);
    engine.submit(p);
    return sink;
  }

  @Override
  public Publisher<Long> createFailedPublisher() {
    PublisherSink<Long> sink = Sinks.publisher("tck-failed-sink");
    Pipeline p = Pipeline.create();
    p.source(
            Sources.<Long>generator(
                "failing-source",
                () -> {
                  throw new IllegalStateException("source failed on purpose");
                },
                1))
        .sink(sink);
    engine.submit(p);
    return sink;
  }
}
