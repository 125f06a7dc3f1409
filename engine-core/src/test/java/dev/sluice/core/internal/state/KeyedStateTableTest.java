package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.testsupport.SeededRuns;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyedStateTableTest {
  static final int MAX_PARALLELISM = 128;

  /** A key whose hash collides with others in long runs, to stress probing and shifting. */
  record Collider(int id) {
    @Override
    public int hashCode() {
      return id % 5;
    }
  }

  static <K> KeyedStateTable<K, long[]> table(String name) {
    StateCodec<K> keys = StateCodecs.dynamic();
    return new KeyedStateTable<>(
        name,
        KeyGroupContext.all(MAX_PARALLELISM),
        keys,
        StateCodecs.longArrays(),
        () -> new long[1]);
  }

  static Object randomKey(SplittableRandom r, int space) {
    int id = r.nextInt(space);
    switch (r.nextInt(4)) {
      case 0:
        return "k" + id;
      case 1:
        return (long) id;
      case 2:
        return new Collider(id);
      default:
        return id == 0 ? null : Integer.valueOf(id);
    }
  }

  /** Random operations on the table and on a HashMap model; after each, both agree. */
  @Test
  void behavesLikeAHashMapUnderRandomOperations() {
    SeededRuns.run(
        100,
        generator -> {
          // table vs HashMap
          SplittableRandom r = generator.random();
          KeyedStateTable<Object, long[]> table = table("model");
          Map<Object, long[]> model = new HashMap<>();
          int space = 1 + r.nextInt(r.nextBoolean() ? 40 : 3000);
          int ops = 200 + r.nextInt(4000);
          for (int op = 0; op < ops; op++) {
            Object key = randomKey(r, space);
            switch (r.nextInt(7)) {
              case 0:
                {
                  long[] existing = model.get(key);
                  long[] v = table.getOrCreate(key);
                  if (existing == null) {
                    assertThat(v).containsExactly(0L);
                    model.put(key, v);
                  } else {
                    assertThat(v).isSameAs(existing);
                  }
                  v[0]++;
                  break;
                }
              case 1:
                {
                  long[] v = new long[] {r.nextLong()};
                  table.put(key, v);
                  model.put(key, v);
                  break;
                }
              case 2:
              case 3:
                table.remove(key);
                model.remove(key);
                break;
              case 4:
                assertThat(table.get(key)).isSameAs(model.get(key));
                break;
              case 5:
                assertThat(table.contains(key)).isEqualTo(model.containsKey(key));
                assertThat(table.getForUpdate(key)).isSameAs(model.get(key));
                break;
              default:
                if (r.nextInt(50) == 0) {
                  table.put(key, null);
                  model.remove(key);
                }
            }
            assertThat(table.size()).isEqualTo(model.size());
          }
          assertSameContent(table, model);
          // every stored key group is the key's own
          table.forEach(
              (k, v) ->
                  assertThat(table.keyGroupOf(k))
                      .isEqualTo(KeyGroups.groupOf(k, MAX_PARALLELISM)));
          // drain: removal of every key leaves nothing behind
          for (Object key : model.keySet().toArray()) {
            table.remove(key);
            assertThat(table.contains(key)).isFalse();
          }
          assertThat(table.size()).isZero();
        });
  }

  static void assertSameContent(KeyedStateTable<Object, long[]> table, Map<Object, long[]> model) {
    Map<Object, long[]> seen = new HashMap<>();
    table.forEach(
        (k, v) -> assertThat(seen.put(k, v)).as("key %s visited twice", k).isNull());
    assertThat(seen).hasSameSizeAs(model);
    model.forEach((k, v) -> assertThat(seen.get(k)).as("value of %s", k).isSameAs(v));
    model.forEach((k, v) -> assertThat(table.get(k)).isSameAs(v));
  }

  @Test
  void growsAndShiftsBackOnRemovalWithoutLosingEntries() {
    KeyedStateTable<Object, long[]> table = table("grow");
    Map<Object, long[]> model = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      Object key = i % 2 == 0 ? new Collider(i) : "s" + i;
      model.put(key, table.getOrCreate(key));
    }
    assertThat(table.capacity()).isGreaterThanOrEqualTo(16_384);
    assertThat(table.size()).isEqualTo(10_000);
    assertSameContent(table, model);
    // remove every third key: the colliding runs must shift back intact
    int i = 0;
    for (Object key : model.keySet().toArray()) {
      if (i++ % 3 == 0) {
        table.remove(key);
        model.remove(key);
      }
    }
    assertSameContent(table, model);
  }

  @Test
  void getOrCreateWithoutInitialNamesTheState() {
    KeyedStateTable<String, String> table =
        new KeyedStateTable<>(
            "totals",
            KeyGroupContext.all(MAX_PARALLELISM),
            StateCodecs.strings(),
            StateCodecs.strings(),
            null);
    assertThatThrownBy(() -> table.getOrCreate("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'totals'")
        .hasMessageContaining("withInitial");
    table.put("a", "x");
    assertThat(table.getOrCreate("a")).isEqualTo("x");
    KeyedStateTable<String, String> nullSupplier =
        new KeyedStateTable<>(
            "bad",
            KeyGroupContext.all(MAX_PARALLELISM),
            StateCodecs.strings(),
            StateCodecs.strings(),
            () -> null);
    assertThatThrownBy(() -> nullSupplier.getOrCreate("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'bad'")
        .hasMessageContaining("returned null");
    assertThat(nullSupplier.size()).isZero();
  }

  @Test
  void modifyingWhileVisitingFails() {
    KeyedStateTable<Object, long[]> table = table("visit");
    for (int i = 0; i < 10; i++) {
      table.getOrCreate(i);
    }
    assertThatThrownBy(() -> table.forEach((k, v) -> table.remove(k)))
        .isInstanceOf(ConcurrentModificationException.class)
        .hasMessageContaining("'visit'");
  }

  @Test
  void keyGroupsComeFromTheCallerTheCurrentKeyOrTheHash() {
    int max = 8;
    KeyGroupRange range = KeyGroups.rangeFor(0, 2, max); // groups 0..3
    KeyGroupContext context = new KeyGroupContext(max, range);
    KeyedStateTable<String, long[]> table =
        new KeyedStateTable<>(
            "groups", context, StateCodecs.strings(), StateCodecs.longArrays(), () -> new long[1]);
    String owned = null;
    String foreign = null;
    for (int i = 0; owned == null || foreign == null; i++) {
      String k = "key" + i;
      if (range.contains(KeyGroups.groupOf(k, max))) {
        owned = owned == null ? k : owned;
      } else {
        foreign = foreign == null ? k : foreign;
      }
    }
    table.getOrCreate(owned);
    assertThat(table.keyGroupOf(owned)).isEqualTo(KeyGroups.groupOf(owned, max));
    String foreignKey = foreign;
    assertThatThrownBy(() -> table.getOrCreate(foreignKey))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside this instance's range");
    // a group given by the caller is used for a new key (the runtime computed it)
    String other = "other";
    table.getOrCreate(other, 2);
    assertThat(table.keyGroupOf(other)).isEqualTo(2);
    assertThatThrownBy(() -> table.getOrCreate("x", 5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key group 5");
    // the current key's group is taken for that very key object
    String current = new String("current");
    context.setCurrentKey(current, 1);
    table.getOrCreate(current);
    assertThat(table.keyGroupOf(current)).isEqualTo(1);
  }

  @Test
  void longKeyedTableBehavesLikeAHashMap() {
    SeededRuns.run(
        100,
        generator -> {
          // long table vs HashMap
          SplittableRandom r = generator.random();
          LongKeyedStateTable<long[]> table =
              new LongKeyedStateTable<>(
                  "longs",
                  KeyGroupContext.all(MAX_PARALLELISM),
                  StateCodecs.longArrays(),
                  () -> new long[1]);
          Map<Long, long[]> model = new HashMap<>();
          int space = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
          long spread = r.nextBoolean() ? 1 : 1L << 32; // keys differing only in high bits
          int ops = 200 + r.nextInt(4000);
          for (int op = 0; op < ops; op++) {
            long key = (r.nextInt(space) - space / 2) * spread;
            switch (r.nextInt(5)) {
              case 0:
                {
                  long[] existing = model.get(key);
                  long[] v = table.getOrCreate(key);
                  if (existing == null) {
                    model.put(key, v);
                  } else {
                    assertThat(v).isSameAs(existing);
                  }
                  v[0]++;
                  break;
                }
              case 1:
                {
                  long[] v = {r.nextLong()};
                  table.put(key, v);
                  model.put(key, v);
                  break;
                }
              case 2:
                table.remove(key);
                model.remove(key);
                break;
              case 3:
                assertThat(table.get(key)).isSameAs(model.get(key));
                break;
              default:
                assertThat(table.contains(key)).isEqualTo(model.containsKey(key));
            }
            assertThat(table.size()).isEqualTo(model.size());
          }
          Map<Long, long[]> seen = new HashMap<>();
          table.forEach((k, v) -> assertThat(seen.put(k, v)).isNull());
          assertThat(seen.keySet()).isEqualTo(model.keySet());
          model.forEach((k, v) -> assertThat(seen.get(k)).isSameAs(v));
        });
  }

  /**
   * Long keys are compared by value while every key is a Long, and with {@code equals} once
   * another type arrives; a Long and an Integer of the same value stay two keys.
   */
  @Test
  void longKeysMatchByValueAndStayDistinctFromOtherTypes() {
    KeyedStateTable<Object, long[]> table = table("longs");
    for (long k = 0; k < 5_000; k++) {
      table.put(Long.valueOf(k + 1_000), new long[] {k});
    }
    for (long k = 0; k < 5_000; k += 3) {
      assertThat(table.get(Long.valueOf(k + 1_000))).containsExactly(k);
    }
    assertThat(table.get(Integer.valueOf(1_000))).isNull();
    assertThat(table.contains(Long.valueOf(999))).isFalse();
    table.put(Integer.valueOf(1_000), new long[] {-1});
    table.put(null, new long[] {-2});
    for (long k = 0; k < 5_000; k += 2) {
      table.remove(Long.valueOf(k + 1_000));
    }
    assertThat(table.size()).isEqualTo(2_500 + 2);
    assertThat(table.get(Long.valueOf(1_001))).containsExactly(1L);
    assertThat(table.get(Long.valueOf(1_000))).isNull();
    assertThat(table.get(Integer.valueOf(1_000))).containsExactly(-1L);
    assertThat(table.get(null)).containsExactly(-2L);
    assertThat(table.getOrCreate(Long.valueOf(1_003))).containsExactly(3L);
  }
}
