package dev.sluice.windowing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A processing-time trigger fires early on the wall clock while the window is open: events are
 * pushed, and the test waits (bounded) for the early result before letting the input end. No
 * duration is asserted, only what the results contain.
 */
class ProcessingTimeTriggerTest {

  record Timed(String key, long id, long ts) {}

  @Test
  void firesEarlyOnTheWallClockThenOnTime() throws Exception {
    for (boolean discarding : new boolean[] {false, true}) {
      PushSource<Timed> source = Sources.push("events", 64, BackpressureStrategy.BLOCK);
      CollectSink<WindowResult<String, List<Long>>> out = Sinks.collect("out");
      Pipeline p = Pipeline.create();
      var w =
          Windowing.of(
                  p.source(source)
                      .withTimestamps(Timed::ts, 0)
                      .map(t -> new Ev(t.key(), t.id()))
                      .keyBy(Ev::key))
              .window(TumblingWindows.ofMillis(1_000_000))
              .trigger(Triggers.everyProcessingTime(Duration.ofMillis(20)));
      (discarding ? w.discarding() : w).aggregate(CollectIds.plain()).sink(out);
      try (Engine engine = Engine.create()) {
        var job = engine.submit(p);
        source.offer(new Timed("a", 1, 10));
        source.offer(new Timed("a", 2, 11));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.items().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        source.offer(new Timed("a", 3, 12));
        source.complete();
        job.join(Duration.ofSeconds(30));
      }
      List<WindowResult<String, List<Long>>> results = out.items();
      assertThat(results).isNotEmpty();
      WindowResult<String, List<Long>> first = results.get(0);
      assertThat(first.kind()).isEqualTo(FiringKind.EARLY);
      assertThat(first.value()).isNotEmpty().isSubsetOf(1L, 2L);
      WindowResult<String, List<Long>> last = results.get(results.size() - 1);
      assertThat(last.kind()).isEqualTo(FiringKind.ON_TIME);
      if (discarding) {
        // the panes are disjoint and together hold every event
        List<Long> all = new java.util.ArrayList<>();
        results.forEach(r -> all.addAll(r.value()));
        assertThat(all).containsExactlyInAnyOrder(1L, 2L, 3L);
      } else {
        assertThat(last.value()).containsExactly(1L, 2L, 3L);
      }
    }
  }
}
