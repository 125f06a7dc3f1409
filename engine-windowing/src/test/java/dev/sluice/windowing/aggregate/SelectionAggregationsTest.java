package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.aggregate.MutableReference;
import dev.sluice.core.state.StateCodecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** minBy/maxBy, first/last (by arrival and by time) and top-N, ties included. */
class SelectionAggregationsTest {

  /** An item whose score and time repeat often, and whose id tells equal items apart. */
  record Bid(int id, int score, long time) {}

  static final Comparator<Bid> BY_SCORE = Comparator.comparingInt(Bid::score);

  static List<Bid> randomBids(SplittableRandom random) {
    int n = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(300);
    int scores = 1 + random.nextInt(20);
    List<Bid> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new Bid(i, random.nextInt(scores), random.nextInt(scores) * 1000L));
    }
    return items;
  }

  /** The best item by a strict "better" test, scanning in order: ties keep the earliest. */
  static Bid best(List<Bid> items, Comparator<Bid> order) {
    Bid best = null;
    for (Bid b : items) {
      if (best == null || order.compare(b, best) > 0) {
        best = b;
      }
    }
    return best;
  }

  @Test
  void minByAndMaxByKeepTheEarliestAmongEquals() {
    SeededRuns.run(
        "minBy/maxBy",
        300,
        random -> {
          List<Bid> items = randomBids(random);
          AggregationLaws.exact(Aggregations.maxBy(BY_SCORE), l -> best(l, BY_SCORE))
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.minBy(BY_SCORE), l -> best(l, BY_SCORE.reversed()))
              .check(items, random);
        });
  }

  @Test
  void firstAndLastByArrival() {
    SeededRuns.run(
        "first/last",
        300,
        random -> {
          List<Bid> items = randomBids(random);
          AggregationLaws.exact(
                  Aggregations.<Bid>first(), l -> l.isEmpty() ? null : l.get(0))
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.<Bid>last(), l -> l.isEmpty() ? null : l.get(l.size() - 1))
              .check(items, random);
        });
  }

  @Test
  void firstAndLastByTimeBreakTiesByArrival() {
    SeededRuns.run(
        "firstByTime/lastByTime",
        300,
        random -> {
          List<Bid> items = randomBids(random);
          AggregationLaws.exact(
                  Aggregations.firstByTime(Bid::time),
                  l -> best(l, Comparator.comparingLong(Bid::time).reversed()))
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.lastByTime(Bid::time),
                  l -> {
                    Bid last = null;
                    for (Bid b : l) {
                      if (last == null || b.time() >= last.time()) {
                        last = b;
                      }
                    }
                    return last;
                  })
              .check(items, random);
        });
  }

  @Test
  void firstByTimeDoesNotDependOnArrivalOrder() {
    var op = Aggregations.firstByTime(Bid::time);
    TimestampedReference<Bid> acc = op.create();
    op.accumulate(acc, new Bid(1, 0, 5_000));
    op.accumulate(acc, new Bid(2, 0, 3_000));
    op.accumulate(acc, new Bid(3, 0, 4_000));
    assertThat(op.export(acc).id()).isEqualTo(2);
    assertThat(acc.timestamp()).isEqualTo(3_000);
  }

  @Test
  void topNMatchesAStableSortIncludingTies() {
    SeededRuns.run(
        "topN",
        300,
        random -> {
          List<Bid> items = randomBids(random);
          int n = 1 + random.nextInt(12);
          AggregationLaws.exact(
                  Aggregations.topN(n, BY_SCORE),
                  (List<Bid> l) -> {
                    List<Bid> sorted = new ArrayList<>(l);
                    sorted.sort(BY_SCORE.reversed()); // stable: earlier first among equals
                    return sorted.subList(0, Math.min(n, sorted.size()));
                  })
              .check(items, random);
          AggregationLaws.exact(
                  Aggregations.topN(n, BY_SCORE.reversed(), StateCodecs.dynamic()),
                  (List<Bid> l) -> {
                    List<Bid> sorted = new ArrayList<>(l);
                    sorted.sort(BY_SCORE);
                    return sorted.subList(0, Math.min(n, sorted.size()));
                  })
              .check(items, random);
        });
  }

  @Test
  void topNRejectsBadArguments() {
    assertThatThrownBy(() -> Aggregations.topN(0, BY_SCORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be at least 1, was 0");
    var op = Aggregations.topN(2, BY_SCORE);
    TopNAccumulator<Bid> acc = op.create();
    assertThatThrownBy(() -> op.accumulate(acc, null)).isInstanceOf(NullPointerException.class);
    assertThat(op.canDeduct()).isFalse();
    assertThat(op.export(acc)).isEmpty();
  }

  @Test
  void selectionsRejectNullItemsAndCannotDeduct() {
    List<AggregateOperation<Bid, MutableReference<Bid>, Bid>> ops =
        List.of(
            Aggregations.first(),
            Aggregations.last(),
            Aggregations.minBy(BY_SCORE),
            Aggregations.maxBy(BY_SCORE));
    for (var op : ops) {
      assertThat(op.canDeduct()).as(op.toString()).isFalse();
      assertThatThrownBy(() -> op.accumulate(op.create(), null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("item is null");
    }
  }
}
