package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.testsupport.SeededRuns;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Namespaced and map state against a map-of-maps model. */
class CompositeKeyTableTest {
  static final int MAX_PARALLELISM = 64;

  record Window(long start, long end) {
    @Override
    public int hashCode() {
      return (int) (start % 3); // collides a lot, on purpose
    }
  }

  static NamespacedStateTable<Object, Window, long[]> namespaced() {
    StateCodec<Object> keys = StateCodecs.dynamic();
    return new NamespacedStateTable<>(
        "windows",
        KeyGroupContext.all(MAX_PARALLELISM),
        keys,
        StateCodecs.record(Window.class, StateCodecs.longs(), StateCodecs.longs()),
        StateCodecs.longArrays(),
        () -> new long[1]);
  }

  static MapStateTable<Object, String, String> map() {
    StateCodec<Object> keys = StateCodecs.dynamic();
    return new MapStateTable<>(
        "map",
        KeyGroupContext.all(MAX_PARALLELISM),
        keys,
        StateCodecs.nullable(StateCodecs.strings()),
        StateCodecs.strings());
  }

  static Object key(SplittableRandom r, int keys) {
    int id = r.nextInt(keys);
    return r.nextBoolean() ? (Object) ("k" + id) : (Object) (long) (id % 7 == 0 ? id : id * 3);
  }

  @Test
  void namespacedStateMatchesTheModel() {
    SeededRuns.run(
        80,
        generator -> {
          // namespaced state vs model
          SplittableRandom r = generator.random();
          NamespacedStateTable<Object, Window, long[]> state = namespaced();
          Map<Object, Map<Window, long[]>> model = new HashMap<>();
          int keys = 1 + r.nextInt(r.nextBoolean() ? 5 : 300);
          int windows = 1 + r.nextInt(r.nextBoolean() ? 3 : 40);
          int ops = 100 + r.nextInt(2500);
          for (int op = 0; op < ops; op++) {
            Object key = key(r, keys);
            long s = r.nextInt(windows);
            Window w = new Window(s, s + 10);
            Map<Window, long[]> ofKey = model.get(key);
            switch (r.nextInt(9)) {
              case 0:
              case 1:
                {
                  long[] existing = ofKey == null ? null : ofKey.get(w);
                  long[] v = state.getOrCreate(key, w);
                  if (existing == null) {
                    assertThat(v).containsExactly(0L);
                    model.computeIfAbsent(key, k -> new HashMap<>()).put(w, v);
                  } else {
                    assertThat(v).isSameAs(existing);
                  }
                  v[0]++;
                  break;
                }
              case 2:
                {
                  long[] v = {r.nextLong()};
                  state.put(key, w, v);
                  model.computeIfAbsent(key, k -> new HashMap<>()).put(w, v);
                  break;
                }
              case 3:
                state.remove(key, w);
                if (ofKey != null) {
                  ofKey.remove(w);
                  if (ofKey.isEmpty()) {
                    model.remove(key);
                  }
                }
                break;
              case 4:
                assertThat(state.get(key, w)).isSameAs(ofKey == null ? null : ofKey.get(w));
                assertThat(state.getForUpdate(key, w)).isSameAs(ofKey == null ? null : ofKey.get(w));
                assertThat(state.contains(key, w)).isEqualTo(ofKey != null && ofKey.containsKey(w));
                break;
              case 5:
                {
                  Map<Window, long[]> seen = new HashMap<>();
                  state.forEachNamespace(key, (ns, v) -> assertThat(seen.put(ns, v)).isNull());
                  assertThat(seen).isEqualTo(ofKey == null ? Map.of() : ofKey);
                  assertThat(state.size(key)).isEqualTo(ofKey == null ? 0 : ofKey.size());
                  break;
                }
              case 6:
                if (r.nextInt(4) == 0) {
                  state.clear(key);
                  model.remove(key);
                }
                break;
              case 7:
                if (r.nextInt(10) == 0) {
                  state.put(key, w, null);
                  if (ofKey != null) {
                    ofKey.remove(w);
                    if (ofKey.isEmpty()) {
                      model.remove(key);
                    }
                  }
                }
                break;
              default:
                assertThat(state.keyCount()).isEqualTo(model.size());
            }
            if (op % 16 == 0 || ops < 400) {
              state.checkInvariants();
              assertThat(state.size())
                  .isEqualTo(model.values().stream().mapToInt(Map::size).sum());
            }
          }
          state.checkInvariants();
          assertSameContent(state, model);
          for (Object key : new ArrayList<>(model.keySet())) {
            state.clear(key);
            model.remove(key);
            state.checkInvariants();
            assertThat(state.size(key)).isZero();
          }
          assertThat(state.size()).isZero();
          assertThat(state.keyCount()).isZero();
        });
  }

  static void assertSameContent(
      NamespacedStateTable<Object, Window, long[]> state, Map<Object, Map<Window, long[]>> model) {
    Map<Object, Map<Window, long[]>> seen = new HashMap<>();
    state.forEach(
        (k, ns, v) ->
            assertThat(seen.computeIfAbsent(k, x -> new HashMap<>()).put(ns, v)).isNull());
    assertThat(seen).isEqualTo(model);
    state.forEach(
        (k, ns, v) -> {
          int slot = state.find(k, ns, CompositeKeyTable.hash(k, ns));
          assertThat(state.keyGroupAt(slot)).isEqualTo(KeyGroups.groupOf(k, MAX_PARALLELISM));
        });
  }

  @Test
  void mapStateMatchesTheModel() {
    SeededRuns.run(
        80,
        generator -> {
          // map state vs model
          SplittableRandom r = generator.random();
          MapStateTable<Object, String, String> state = map();
          Map<Object, Map<String, String>> model = new HashMap<>();
          int keys = 1 + r.nextInt(r.nextBoolean() ? 4 : 200);
          int userKeys = 1 + r.nextInt(r.nextBoolean() ? 4 : 60);
          int ops = 100 + r.nextInt(2500);
          for (int op = 0; op < ops; op++) {
            Object key = key(r, keys);
            int u = r.nextInt(userKeys);
            String uk = u == 0 ? null : "u" + u;
            Map<String, String> ofKey = model.get(key);
            switch (r.nextInt(7)) {
              case 0:
              case 1:
                {
                  String v = "v" + r.nextInt(1000);
                  state.put(key, uk, v);
                  model.computeIfAbsent(key, k -> new HashMap<>()).put(uk, v);
                  break;
                }
              case 2:
                state.remove(key, uk);
                if (ofKey != null) {
                  ofKey.remove(uk);
                  if (ofKey.isEmpty()) {
                    model.remove(key);
                  }
                }
                break;
              case 3:
                assertThat(state.get(key, uk)).isEqualTo(ofKey == null ? null : ofKey.get(uk));
                assertThat(state.contains(key, uk))
                    .isEqualTo(ofKey != null && ofKey.containsKey(uk));
                break;
              case 4:
                {
                  Map<String, String> seen = new HashMap<>();
                  state.forEach(key, (k2, v) -> seen.put(k2, v));
                  assertThat(seen).isEqualTo(ofKey == null ? Map.of() : ofKey);
                  assertThat(state.size(key)).isEqualTo(seen.size());
                  break;
                }
              case 5:
                if (r.nextInt(5) == 0) {
                  state.clear(key);
                  model.remove(key);
                }
                break;
              default:
                assertThat(state.keyCount()).isEqualTo(model.size());
            }
            if (op % 16 == 0 || ops < 400) {
              state.checkInvariants();
            }
          }
          state.checkInvariants();
          Map<Object, Map<String, String>> seen = new HashMap<>();
          state.forEach((k, uk, v) -> seen.computeIfAbsent(k, x -> new HashMap<>()).put(uk, v));
          assertThat(seen).isEqualTo(model);
          assertThat(state.size()).isEqualTo(model.values().stream().mapToInt(Map::size).sum());
        });
  }

  @Test
  void manyEntriesOfOneKeySurviveGrowthAndRemoval() {
    NamespacedStateTable<Object, Window, long[]> state = namespaced();
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      Window w = new Window(i, i + 1);
      windows.add(w);
      state.getOrCreate("one", w)[0] = i;
      state.getOrCreate("other" + (i % 10), w);
    }
    state.checkInvariants();
    assertThat(state.size("one")).isEqualTo(5000);
    assertThat(state.keyCount()).isEqualTo(11);
    for (int i = 0; i < 5000; i += 2) {
      state.remove("one", windows.get(i));
    }
    state.checkInvariants();
    assertThat(state.size("one")).isEqualTo(2500);
    long[] sum = {0};
    state.forEachNamespace("one", (w, v) -> sum[0] += v[0]);
    long expected = 0;
    for (int i = 1; i < 5000; i += 2) {
      expected += i;
    }
    assertThat(sum[0]).isEqualTo(expected);
    state.clear("one");
    state.checkInvariants();
    assertThat(state.size()).isEqualTo(5000);
  }

  @Test
  void modifyingAKeyWhileVisitingItFails() {
    NamespacedStateTable<Object, Window, long[]> state = namespaced();
    state.getOrCreate("k", new Window(1, 2));
    state.getOrCreate("k", new Window(2, 3));
    assertThatThrownBy(() -> state.forEachNamespace("k", (w, v) -> state.remove("k", w)))
        .isInstanceOf(ConcurrentModificationException.class)
        .hasMessageContaining("'windows'");
  }

  @Test
  void getOrCreateWithoutInitialNamesTheState() {
    NamespacedStateTable<Object, Window, long[]> state =
        new NamespacedStateTable<>(
            "sums",
            KeyGroupContext.all(MAX_PARALLELISM),
            StateCodecs.dynamic(),
            StateCodecs.record(Window.class, StateCodecs.longs(), StateCodecs.longs()),
            StateCodecs.longArrays(),
            null);
    assertThatThrownBy(() -> state.getOrCreate("k", new Window(0, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'sums'");
  }

  /**
   * Long keys are compared by value (fast path) while every key is a Long, and by {@code equals}
   * once another type arrives: equal values in other boxes are found, a Long and an Integer of the
   * same value stay two keys, before and after the switch and across growth and removals.
   */
  @Test
  void longKeysMatchByValueAndStayDistinctFromOtherTypes() {
    NamespacedStateTable<Object, Window, long[]> state = namespaced();
    Window w = new Window(0, 10);
    for (long k = 0; k < 3_000; k++) {
      state.put(Long.valueOf(k + 1_000), new Window(k % 5, 10), new long[] {k});
    }
    state.checkInvariants();
    for (long k = 0; k < 3_000; k += 7) {
      Object otherBox = Long.valueOf(k + 1_000); // a new box above the Long cache
      assertThat(state.get(otherBox, new Window(k % 5, 10))).containsExactly(k);
      assertThat(state.get(otherBox, new Window((k + 1) % 5, 10))).isNull();
    }
    assertThat(state.get(Integer.valueOf(1_000), new Window(0, 10))).isNull();
    state.put(Integer.valueOf(1_000), new Window(0, 10), new long[] {-1});
    state.put("s", w, new long[] {-2});
    state.checkInvariants();
    assertThat(state.get(Long.valueOf(1_000), new Window(0, 10))).containsExactly(0L);
    assertThat(state.get(Integer.valueOf(1_000), new Window(0, 10))).containsExactly(-1L);
    for (long k = 0; k < 3_000; k += 2) {
      state.remove(Long.valueOf(k + 1_000), new Window(k % 5, 10));
    }
    state.checkInvariants();
    assertThat(state.size()).isEqualTo(1_500 + 2);
    assertThat(state.keyCount()).isEqualTo(1_500 + 2);
    assertThat(state.get(Long.valueOf(1_001), new Window(1, 10))).containsExactly(1L);
    assertThat(state.size(Long.valueOf(1_001))).isEqualTo(1);
  }
}
