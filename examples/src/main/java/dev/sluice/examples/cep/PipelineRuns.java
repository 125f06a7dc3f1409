package dev.sluice.examples.cep;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Runs a one-output pipeline to its end and returns what reached its sink. */
final class PipelineRuns {
  private PipelineRuns() {}

  static <T> List<T> collect(Function<Pipeline, Stage<T>> build) throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<T> sink = Sinks.collect("out");
    build.apply(p).sink(sink);
    try (Engine engine = Engine.create()) {
      engine.submit(p).join(Duration.ofMinutes(1));
    }
    return sink.items();
  }
}
