package dev.sluice.core.checkpoint;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.fault.RestartStrategy;
import java.time.Duration;
import java.util.List;

/**
 * A checkpointed pipeline for crash tests: a replayable sequence source (slowed a little so a
 * run lasts long enough to be killed), a keyed rolling count, and a sink. {@link #run} resumes
 * from the newest checkpoint in the store if there is one, so a child JVM that calls it again
 * after each SIGKILL ends with a committed output equal to {@link #expected}, sorted.
 *
 * <p>Use from a child JVM's {@code main}: {@code CrashTestPipeline.run(store, fileSink, n, keys,
 * Duration.ofMillis(50))}, exit 0 when it returns COMPLETED.
 */
public final class CrashTestPipeline {
  /** The job name the checkpoints are stored under. */
  public static final String JOB_NAME = "crash-test";

  private CrashTestPipeline() {}

  /** Events {@code 0..n-1} keyed by {@code i % keys}, counted per key, as "key:count" lines. */
  public static Pipeline pipeline(long n, int keys, Sink<String> sink) {
    Pipeline p = Pipeline.create();
    p.source(Sources.sequence("numbers", n, CheckpointRestartTest::slowly))
        .uid("numbers")
        .keyBy(i -> i % keys)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .uid("format")
        .sink(sink)
        .uid("sink");
    return p;
  }

  /** The output of an uninterrupted run, sorted. */
  public static List<String> expected(long n, int keys) {
    return CheckpointRestartTest.expectedCounts(n, keys);
  }

  /**
   * Runs the pipeline to its end, restoring from the newest checkpoint of {@link #JOB_NAME} in
   * {@code store} if there is one and checkpointing every {@code interval}.
   */
  public static JobStatus run(
      CheckpointStore store, Sink<String> sink, long n, int keys, Duration interval)
      throws Exception {
    try (Engine engine =
        Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("crash-"))) {
      Job job =
          engine.submit(
              pipeline(n, keys, sink),
              JobOptions.defaults()
                  .withName(JOB_NAME)
                  .withRestartStrategy(RestartStrategy.immediate(3))
                  .withRestoreFromLatest(store)
                  .withCheckpointing(CheckpointConfig.every(interval, store)));
      return job.join(Duration.ofMinutes(10));
    }
  }
}
