package dev.sluice.cep.anomaly;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Runs detection pipelines on a shared engine (readings from one source instance, in order). */
final class Jobs {
  private static Engine engine;

  private Jobs() {}

  static synchronized Engine engine() {
    if (engine == null) {
      engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
    }
    return engine;
  }

  /** The result of a job: what the detection stage emitted and its counts. */
  record Result(List<Anomaly<String>> anomalies, StageCounts counts) {}

  /**
   * Readings (timestamps from {@code Reading::time}, watermark bound 0) keyed by sensor into the
   * stage {@code detection} adds (named "detect"), at {@code parallelism}.
   */
  static Result run(
      List<Reading> readings,
      int parallelism,
      Function<KeyedStage<String, Reading>, Stage<Anomaly<String>>> detection)
      throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Anomaly<String>> sink = Sinks.collect("out");
    Stage<Reading> in =
        p.source(Sources.fromList("readings", readings)).withTimestamps(Reading::time, 0);
    detection.apply(in.keyBy(Reading::sensor)).parallelism(parallelism).sink(sink);
    Job job = engine().submit(p, "detect-p" + parallelism);
    job.join(Duration.ofMinutes(2));
    return new Result(List.copyOf(sink.items()), job.counts("detect"));
  }
}
