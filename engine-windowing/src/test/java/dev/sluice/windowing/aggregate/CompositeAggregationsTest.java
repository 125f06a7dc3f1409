package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.StateCodecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** allOf, distinct counts, grouping by composite keys, having and mapping, against models. */
class CompositeAggregationsTest {

  enum Region {
    NORTH,
    SOUTH,
    EAST
  }

  record Sale(Region region, String product, long amount, double weight) {}

  static List<Sale> randomSales(SplittableRandom random) {
    int n = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(400);
    int products = 1 + random.nextInt(8);
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sales.add(
          new Sale(
              Region.values()[random.nextInt(3)],
              random.nextInt(10) == 0 ? null : "p" + random.nextInt(products),
              random.nextLong(-1_000, 1_000_000),
              random.nextDouble() * 100));
    }
    return sales;
  }

  /** The result of {@code op} over {@code items}, accumulated directly. */
  static <T, A, R> R direct(AggregateOperation<T, A, R> op, List<T> items) {
    A acc = op.create();
    items.forEach(item -> op.accumulate(acc, item));
    return op.export(acc);
  }

  @Test
  void allOfEqualsTheIndividualResults() {
    SeededRuns.run(
        "allOf",
        300,
        random -> {
          List<Sale> sales = randomSales(random);
          var count = Aggregations.<Sale>counting();
          var sum = Aggregations.summingLong(Sale::amount);
          var p90 = Aggregations.percentile(Sale::amount, 90);
          var top = Aggregations.topN(3, java.util.Comparator.comparingLong(Sale::amount));

          AggregationLaws.exact(
                  Aggregations.allOf(count, sum), l -> new Tuple2<>(direct(count, l), direct(sum, l)))
              .check(sales, random);
          AggregationLaws.exact(
                  Aggregations.allOf(count, sum, p90),
                  l -> new Tuple3<>(direct(count, l), direct(sum, l), direct(p90, l)))
              .check(sales, random);
          AggregationLaws.exact(
                  Aggregations.allOf(List.of(count, p90, top, sum)),
                  l -> Arrays.asList(direct(count, l), direct(p90, l), direct(top, l), direct(sum, l)))
              .check(sales, random);
          AggregationLaws.exact(
                  Aggregations.allOf(sum, count, (s, c) -> c == 0 ? null : (double) s / c),
                  l -> l.isEmpty() ? null : (double) direct(sum, l) / l.size())
              .check(sales, random);
        });
  }

  @Test
  void allOfDeductsOnlyIfEveryPartCan() {
    var deductible = Aggregations.allOf(Aggregations.<Sale>counting(), Aggregations.summingLong(Sale::amount));
    var not = Aggregations.allOf(Aggregations.<Sale>counting(), Aggregations.maxLong(Sale::amount));
    assertThat(deductible.canDeduct()).isTrue();
    assertThat(not.canDeduct()).isFalse();
    assertThatThrownBy(() -> not.deduct(not.create(), not.create()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("maxLong");
    assertThatThrownBy(() -> Aggregations.allOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void distinctCountsMatchASet() {
    SeededRuns.run(
        "distinctCount",
        300,
        random -> {
          List<Sale> sales = randomSales(random);
          AggregationLaws.exact(
                  Aggregations.distinctCount(Sale::product),
                  l -> (long) new HashSet<>(l.stream().map(Sale::product).toList()).size())
              .check(sales, random);
          AggregationLaws.exact(
                  Aggregations.distinctCount(
                      (Sale s) -> CompositeKey.of(s.region(), s.product()), StateCodecs.dynamic()),
                  l -> (long) new HashSet<>(l.stream().map(s -> List.of(s.region(), String.valueOf(s.product()))).toList()).size())
              .check(sales, random);
        });
  }

  @Test
  void distinctCountOfLongsMatchesASet() {
    SeededRuns.run(
        "distinctCountLong",
        300,
        random -> {
          int n = random.nextInt(3000);
          long range = 1L << random.nextInt(1, 63);
          List<Long> values = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            // zero, negatives, and values sharing low bits (colliding in a naive hash)
            values.add(
                switch (random.nextInt(4)) {
                  case 0 -> 0L;
                  case 1 -> random.nextLong(-range, range);
                  case 2 -> random.nextLong(64) << 40;
                  default -> random.nextLong();
                });
          }
          AggregationLaws.exact(
                  Aggregations.distinctCountLong((Long x) -> x), l -> (long) new HashSet<>(l).size())
              .check(values, random);
          LongDistinctAccumulator acc = new LongDistinctAccumulator();
          values.forEach(acc::add);
          assertThat(acc.values())
              .containsExactly(new HashSet<>(values).stream().mapToLong(Long::longValue).sorted().toArray());
          for (long v : values) {
            assertThat(acc.contains(v)).isTrue();
          }
          assertThat(acc.contains(123_456_789_123L)).isEqualTo(values.contains(123_456_789_123L));
        });
  }

  @Test
  void groupingByCompositeKeysMatchesAModelAndDropsGroupsLeftEmpty() {
    Function<Sale, CompositeKey> key = s -> CompositeKey.of(s.region(), s.product());
    SeededRuns.run(
        "groupingBy",
        300,
        random -> {
          List<Sale> sales = randomSales(random);
          // deductible downstream: deducting a prefix must remove the groups only it held
          AggregationLaws.exact(
                  Aggregations.groupingBy(key, Aggregations.allOf(Aggregations.<Sale>counting(), Aggregations.summingLong(Sale::amount))),
                  l -> {
                    Map<CompositeKey, Tuple2<Long, Long>> m = new HashMap<>();
                    for (Sale s : l) {
                      m.merge(key.apply(s), new Tuple2<>(1L, s.amount()),
                          (a, b) -> new Tuple2<>(a.first() + b.first(), a.second() + b.second()));
                    }
                    return m;
                  })
              .check(sales, random);
          // not deductible
          AggregationLaws.exact(
                  Aggregations.groupingBy(Sale::region, Aggregations.maxLong(Sale::amount)),
                  l -> {
                    Map<Region, Long> m = new HashMap<>();
                    l.forEach(s -> m.merge(s.region(), s.amount(), Math::max));
                    return m;
                  })
              .check(sales, random);
        });
  }

  @Test
  void groupingRefusesToDeductWhatWasNeverCombined() {
    var op = Aggregations.groupingBy(Sale::product, Aggregations.<Sale>counting());
    var all = op.create();
    op.accumulate(all, new Sale(Region.EAST, "a", 1, 1));
    var other = op.create();
    op.accumulate(other, new Sale(Region.EAST, "b", 1, 1));
    assertThatThrownBy(() -> op.deduct(all, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot deduct group 'b'");
    assertThat(op.export(all)).isEqualTo(Map.of("a", 1L));
    var notDeductible = Aggregations.groupingBy(Sale::product, Aggregations.first());
    assertThat(notDeductible.canDeduct()).isFalse();
  }

  @Test
  void havingFiltersResultsAfterExport() {
    SeededRuns.run(
        "having",
        200,
        random -> {
          List<Sale> sales = randomSales(random);
          long threshold = random.nextInt(300);
          Having<Long> atLeast = c -> c >= threshold;
          AggregationLaws.exact(
                  Aggregations.having(Aggregations.<Sale>counting(), atLeast),
                  l -> l.size() >= threshold ? (long) l.size() : null)
              .check(sales, random);
          AggregationLaws.exact(
                  Aggregations.having(Aggregations.<Sale>counting(), atLeast.negate().and(c -> c % 2 == 0)),
                  l -> l.size() < threshold && l.size() % 2 == 0 ? (long) l.size() : null)
              .check(sales, random);
        });
    var maxOrNull = Aggregations.having(Aggregations.maxLong((Sale s) -> s.amount()), m -> true);
    assertThat(maxOrNull.export(maxOrNull.create())).isNull(); // null results are not tested
    assertThat(maxOrNull.canDeduct()).isFalse();
  }

  @Test
  void mappingAdaptsTheInput() {
    SeededRuns.run(
        "mapping",
        100,
        random -> {
          List<Sale> sales = randomSales(random);
          AggregationLaws.exact(
                  Aggregations.mapping(Sale::product, Aggregations.<String>last(StateCodecs.nullable(StateCodecs.strings()))),
                  l -> {
                    String last = null;
                    for (Sale s : l) {
                      if (s.product() != null) {
                        last = s.product();
                      }
                    }
                    return last;
                  })
              .check(new ArrayList<>(sales.stream().filter(s -> s.product() != null).toList()), random);
        });
  }

  @Test
  void compositeKeysAreValuesWithAStableHash() {
    CompositeKey a = CompositeKey.of(Region.NORTH, "p1", 7L);
    CompositeKey b = CompositeKey.of(List.of(Region.NORTH, "p1", 7L).toArray());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.get(1)).isEqualTo("p1");
    assertThat(CompositeKey.of("x", null).components()).containsExactly("x", null);
    assertThatThrownBy(() -> a.components().add("y")).isInstanceOf(UnsupportedOperationException.class);

    // a record hashes by its components, the component list by its elements: no identity hash,
    // and enums by name (their own hashCode differs in every JVM)
    int regionHash = 31 * Region.class.getName().hashCode() + "NORTH".hashCode();
    int listHash = 31 * (31 * (31 + regionHash) + "p1".hashCode()) + Long.hashCode(7L);
    assertThat(KeyGroups.stableHash(a)).isEqualTo(listHash);
    assertThat(KeyGroups.groupOf(a, 128)).isEqualTo(KeyGroups.groupOf(b, 128));
    assertThatThrownBy(() -> KeyGroups.stableHash(CompositeKey.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class);

    // written into snapshots by the dynamic codec, as keys of a keyed stage are
    var codec = StateCodecs.<CompositeKey>dynamic();
    assertThat(AggregationLaws.decode(codec, AggregationLaws.encode(codec, a))).isEqualTo(a);
  }
}
