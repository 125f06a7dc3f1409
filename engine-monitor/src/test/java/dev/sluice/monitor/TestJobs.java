package dev.sluice.monitor;

import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.fault.ErrorPolicy;
import java.util.concurrent.atomic.AtomicLong;

/** Pipelines the monitor tests watch. */
final class TestJobs {
  /** Every event carries markup that would run script if a page parsed it as HTML. */
  static final String MARKUP =
      "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

  private TestJobs() {}

  /**
   * source "readings" (event i: markup and "#i") -> map "number" -> filter "even" -> map "checked"
   * (fails on multiples of 97, dead-lettered) -> rebalance (a queue edge) -> map "scaled" -> sink "out"; the dead letters
   * go to sink "dead".
   *
   * @param ratePerSecond events per second, or 0 for as fast as possible
   */
  static Pipeline pipeline(long count, double ratePerSecond) {
    AtomicLong n = new AtomicLong();
    Pipeline p = Pipeline.create();
    Stage<String> source =
        p.source(
            ratePerSecond > 0
                ? Sources.generator(
                    "readings", () -> MARKUP + " #" + n.incrementAndGet(), count, ratePerSecond)
                : Sources.generator("readings", () -> MARKUP + " #" + n.incrementAndGet(), count));
    Stage<Long> checked =
        source
            .map(s -> Long.parseLong(s.substring(s.lastIndexOf('#') + 1)))
            .named("number")
            .filter(i -> i % 2 == 0)
            .named("even")
            .map(
                i -> {
                  if (i % 97 == 0) {
                    throw new IllegalStateException("multiple of 97: " + i);
                  }
                  return i;
                })
            .named("checked")
            .onError(ErrorPolicy.DEAD_LETTER);
    checked.deadLetters().sink(Sinks.discard("dead"));
    checked.rebalance().map(i -> i * 2).named("scaled").sink(Sinks.discard("out"));
    return p;
  }
}
