package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.operator.BroadcastOperator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.testsupport.SeededRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Randomized: a broadcast input holds no event time. With rules far behind or far ahead of the
 * data, at parallelism 1-4, every instance sees only watermarks the data allows, reaches the
 * final watermark while the rule stream is still open, and gets every rule and its share of the
 * data exactly once.
 */
class BroadcastEventTimePropertiesTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Reading(int id, long time) {}

  record Rule(int id, long time) {}

  /** Records per instance the watermarks it hears and counts events and rules. */
  static final class Recording implements BroadcastOperator<Reading, Rule, Integer> {
    final Map<Integer, List<Long>> watermarks;
    final AtomicLong events;
    final Map<Integer, List<Integer>> rules;
    private List<Long> mine;
    private List<Integer> myRules;

    Recording(
        Map<Integer, List<Long>> watermarks, AtomicLong events, Map<Integer, List<Integer>> rules) {
      this.watermarks = watermarks;
      this.events = events;
      this.rules = rules;
    }

    @Override
    public void open(OperatorContext context) {
      mine = watermarks.computeIfAbsent(context.instanceIndex(), i -> new CopyOnWriteArrayList<>());
      myRules = rules.computeIfAbsent(context.instanceIndex(), i -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void onEvent(Reading r, long timestamp, Output<Integer> output) {
      events.incrementAndGet();
      output.emit(r.id());
    }

    @Override
    public void onBroadcast(Rule rule, long timestamp, Output<Integer> output) {
      myRules.add(rule.id());
    }

    @Override
    public void onWatermark(long watermark, Output<Integer> output) {
      mine.add(watermark);
    }
  }

  @Test
  void theDataInputAloneHoldsEventTime() {
    SeededRuns.run(
        8,
        g -> {
          int parallelism = g.intBetween(1, 4);
          int n = g.intBetween(1, 3_000);
          long outOfOrder = g.intBetween(0, 50);
          long base = g.longBetween(1_000_000, 2_000_000);
          List<Reading> data = new ArrayList<>();
          long maxTime = Long.MIN_VALUE;
          for (int i = 0; i < n; i++) {
            long t = base + i * 3L + g.intBetween(0, (int) outOfOrder);
            data.add(new Reading(i, t));
            maxTime = Math.max(maxTime, t);
          }
          boolean rulesBehind = g.bool();
          int ruleCount = g.intBetween(1, 20);
          PushSource<Rule> rules = Sources.push("rules", 64, BackpressureStrategy.BLOCK);
          for (int i = 0; i < ruleCount; i++) {
            // behind: event time 0 (its watermark would hold everything back); ahead: far future
            rules.offer(new Rule(i, rulesBehind ? i : 10_000_000_000L + i));
          }
          Map<Integer, List<Long>> watermarks = new ConcurrentHashMap<>();
          Map<Integer, List<Integer>> heardRules = new ConcurrentHashMap<>();
          AtomicLong events = new AtomicLong();
          CollectSink<Integer> out = Sinks.collect("out");
          Pipeline p = Pipeline.create();
          Stage<Reading> d =
              p.source(Sources.fromList("data", data)).withTimestamps(Reading::time, outOfOrder);
          Stage<Rule> r = p.source(rules).withTimestamps(Rule::time, 0);
          d.withBroadcast(r)
              .process("co", () -> new Recording(watermarks, events, heardRules))
              .parallelism(parallelism)
              .sink(out);
          Job job = engine.submit(p);
          long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (!allFinal(watermarks, parallelism) && System.nanoTime() < deadline) {
            Thread.sleep(2);
          }
          assertThat(allFinal(watermarks, parallelism))
              .as("every instance reached the final watermark; heard %s", watermarks)
              .isTrue();
          assertThat(job.status()).as("the rule stream is still open").isEqualTo(JobStatus.RUNNING);
          rules.complete();
          assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

          long dataBound = maxTime - outOfOrder - 1; // the highest watermark the data makes
          for (List<Long> heard : watermarks.values()) {
            for (int i = 0; i < heard.size(); i++) {
              long w = heard.get(i);
              if (i == heard.size() - 1) {
                assertThat(w).isEqualTo(Long.MAX_VALUE);
              } else {
                assertThat(w).as("watermarks %s, data bound %d", heard, dataBound)
                    .isLessThanOrEqualTo(dataBound)
                    .isGreaterThanOrEqualTo(base - outOfOrder - 1);
              }
              if (i > 0) {
                assertThat(w).isGreaterThan(heard.get(i - 1));
              }
            }
          }
          assertThat(events.get()).isEqualTo(n);
          assertThat(out.items()).hasSize(n).doesNotHaveDuplicates();
          assertThat(heardRules).hasSize(parallelism);
          for (List<Integer> got : heardRules.values()) {
            assertThat(got).hasSize(ruleCount).doesNotHaveDuplicates();
          }
          job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
        });
  }

  private static boolean allFinal(Map<Integer, List<Long>> watermarks, int parallelism) {
    if (watermarks.size() < parallelism) {
      return false;
    }
    for (List<Long> heard : watermarks.values()) {
      if (heard.isEmpty() || heard.get(heard.size() - 1) != Long.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }
}
