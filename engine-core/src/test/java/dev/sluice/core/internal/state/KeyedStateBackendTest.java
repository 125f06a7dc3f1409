package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.testsupport.SeededRuns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyedStateBackendTest {
  static final ValueStateDescriptor<Long> COUNTS =
      ValueStateDescriptor.of("counts", StateCodecs.longs()).withInitial(() -> 0L);
  static final MapStateDescriptor<String, String> LABELS =
      new MapStateDescriptor<>("labels", StateCodecs.strings(), StateCodecs.strings());
  static final NamespacedStateDescriptor<Long, long[]> WINDOWS =
      NamespacedStateDescriptor.of("windows", StateCodecs.longs(), StateCodecs.longArrays())
          .withInitial(() -> new long[1]);

  /** The content of a job's keyed state, as plain comparable maps. */
  record Content(
      Map<Object, Long> counts,
      Map<Object, Map<String, String>> labels,
      Map<Object, Map<Long, Long>> windows) {
    static Content empty() {
      return new Content(new HashMap<>(), new HashMap<>(), new HashMap<>());
    }
  }

  static KeyedStateBackend<Object> backend(int index, int parallelism, int maxParallelism) {
    StateCodec<Object> keys = StateCodecs.dynamic();
    return new KeyedStateBackend<>(
        maxParallelism, KeyGroups.rangeFor(index, parallelism, maxParallelism), keys);
  }

  static List<KeyedStateBackend<Object>> job(int parallelism, int maxParallelism) {
    List<KeyedStateBackend<Object>> job = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      job.add(backend(i, parallelism, maxParallelism));
    }
    return job;
  }

  static Object randomKey(SplittableRandom r, int space) {
    int id = r.nextInt(space);
    switch (id % 3) {
      case 0:
        return "key-" + id;
      case 1:
        return (long) id;
      default:
        return List.of(id, "k");
    }
  }

  /** Fills a job with random state, routing each key to its instance, and returns the model. */
  static Content fill(List<KeyedStateBackend<Object>> job, int maxParallelism, SplittableRandom r) {
    Content model = Content.empty();
    int space = 1 + r.nextInt(500);
    int events = r.nextInt(3000);
    for (int e = 0; e < events; e++) {
      Object key = randomKey(r, space);
      int group = KeyGroups.groupOf(key, maxParallelism);
      KeyedStateBackend<Object> instance =
          job.get(KeyGroups.instanceFor(group, job.size(), maxParallelism));
      instance.setCurrentKey(key, group);
      switch (r.nextInt(4)) {
        case 0:
          instance.value(COUNTS).put(key, instance.value(COUNTS).getOrCreate(key) + 1);
          model.counts.merge(key, 1L, Long::sum);
          break;
        case 1:
          {
            String uk = "u" + r.nextInt(5);
            String v = "v" + r.nextInt(100);
            instance.map(LABELS).put(key, uk, v);
            model.labels.computeIfAbsent(key, k -> new HashMap<>()).put(uk, v);
            break;
          }
        case 2:
          {
            long ns = r.nextInt(4) * 1000L;
            instance.namespaced(WINDOWS).getOrCreate(key, ns)[0] += 7;
            model.windows.computeIfAbsent(key, k -> new HashMap<>()).merge(ns, 7L, Long::sum);
            break;
          }
        default:
          if (r.nextInt(3) == 0) {
            instance.namespaced(WINDOWS).clear(key);
            model.windows.remove(key);
          }
      }
    }
    return model;
  }

  /**
   * Reads a job's state back, checking that every key sits in the instance whose range holds its
   * group, and that no key is in two instances.
   */
  static Content read(List<KeyedStateBackend<Object>> job, int maxParallelism) {
    Content content = Content.empty();
    for (int i = 0; i < job.size(); i++) {
      KeyedStateBackend<Object> b = job.get(i);
      KeyGroupRange range = b.keyGroupRange();
      int instance = i;
      b.value(COUNTS)
          .forEach(
              (k, v) -> {
                assertOwned(range, k, maxParallelism, instance);
                assertThat(content.counts.put(k, v)).as("key %s in two instances", k).isNull();
              });
      b.map(LABELS)
          .forEach(
              (k, uk, v) -> {
                assertOwned(range, k, maxParallelism, instance);
                assertThat(content.labels.computeIfAbsent(k, x -> new HashMap<>()).put(uk, v))
                    .isNull();
              });
      b.namespaced(WINDOWS)
          .forEach(
              (k, ns, v) -> {
                assertOwned(range, k, maxParallelism, instance);
                assertThat(content.windows.computeIfAbsent(k, x -> new HashMap<>()).put(ns, v[0]))
                    .isNull();
              });
    }
    return content;
  }

  static void assertOwned(KeyGroupRange range, Object key, int maxParallelism, int instance) {
    assertThat(range.contains(KeyGroups.groupOf(key, maxParallelism)))
        .as("key %s (group %d) in instance %d with range %s", key,
            KeyGroups.groupOf(key, maxParallelism), instance, range)
        .isTrue();
  }

  static List<KeyedStateSnapshot> snapshots(List<KeyedStateBackend<Object>> job) {
    List<KeyedStateSnapshot> snapshots = new ArrayList<>();
    for (KeyedStateBackend<Object> b : job) {
      snapshots.add(b.snapshot());
    }
    return snapshots;
  }

  /** Restores all old snapshots into every instance of a new job; registers some states late. */
  static List<KeyedStateBackend<Object>> restored(
      List<KeyedStateSnapshot> snapshots, int parallelism, int maxParallelism, boolean lazy) {
    List<KeyedStateBackend<Object>> job = job(parallelism, maxParallelism);
    for (KeyedStateBackend<Object> b : job) {
      if (!lazy) {
        b.value(COUNTS);
        b.map(LABELS);
        b.namespaced(WINDOWS);
      }
      b.restore(snapshots);
    }
    return job;
  }

  @Test
  void restoreAtTheSameParallelismGivesIdenticalContent() {
    SeededRuns.run(
        40,
        generator -> {
          // snapshot and restore at the same parallelism
          SplittableRandom r = generator.random();
          int max = 1 + r.nextInt(200);
          int p = 1 + r.nextInt(Math.min(max, 4));
          List<KeyedStateBackend<Object>> job = job(p, max);
          Content model = fill(job, max, r);
          assertThat(read(job, max)).isEqualTo(model);
          List<KeyedStateBackend<Object>> again = new ArrayList<>();
          for (int i = 0; i < p; i++) {
            KeyedStateBackend<Object> b = backend(i, p, max);
            b.restore(List.of(job.get(i).snapshot())); // its own snapshot only
            again.add(b);
          }
          assertThat(read(again, max)).isEqualTo(model);
        });
  }

  @Test
  void rescalesFromTwoToOneAndToFour() {
    SeededRuns.run(
        10,
        generator -> {
          // rescale 2 -> 1 and 2 -> 4
          SplittableRandom r = generator.random();
          int max = KeyGroups.DEFAULT_MAX_PARALLELISM;
          List<KeyedStateBackend<Object>> two = job(2, max);
          Content model = fill(two, max, r);
          List<KeyedStateSnapshot> snapshots = snapshots(two);
          assertThat(read(restored(snapshots, 1, max, false), max)).isEqualTo(model);
          assertThat(read(restored(snapshots, 4, max, true), max)).isEqualTo(model);
        });
  }

  @Test
  void rescalesBetweenRandomParallelisms() {
    SeededRuns.run(
        25,
        generator -> {
          // rescale p -> q
          SplittableRandom r = generator.random();
          int max = 1 + r.nextInt(300);
          int from = 1 + r.nextInt(Math.min(max, 6));
          int to = 1 + r.nextInt(Math.min(max, 6));
          List<KeyedStateBackend<Object>> job = job(from, max);
          Content model = fill(job, max, r);
          List<KeyedStateBackend<Object>> rescaled =
              restored(snapshots(job), to, max, r.nextBoolean());
          assertThat(read(rescaled, max)).isEqualTo(model);
          // and back again, through a second generation of snapshots
          assertThat(read(restored(snapshots(rescaled), from, max, r.nextBoolean()), max))
              .isEqualTo(model);
        });
  }

  @Test
  void registeringTheSameNameTwice() {
    KeyedStateBackend<Object> b = backend(0, 1, 8);
    assertThat(b.value(COUNTS)).isSameAs(b.value(COUNTS));
    assertThat(b.value(ValueStateDescriptor.of("counts", StateCodecs.longs())))
        .isSameAs(b.value(COUNTS));
    assertThatThrownBy(
            () -> b.map(new MapStateDescriptor<>("counts", StateCodecs.longs(), StateCodecs.longs())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'counts'")
        .hasMessageContaining("value state")
        .hasMessageContaining("map state");
    assertThatThrownBy(() -> b.value(ValueStateDescriptor.of("counts", StateCodecs.strings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'counts'")
        .hasMessageContaining("value string");
    KeyedStateBackend<Long> longs =
        new KeyedStateBackend<>(8, new KeyGroupRange(0, 7), StateCodecs.longs());
    longs.longValue(COUNTS);
    assertThatThrownBy(() -> longs.value(COUNTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LongKeyedStateTable");
    assertThatThrownBy(() -> b.longValue(ValueStateDescriptor.of("l", StateCodecs.longs())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("StateCodecs.longs()");
  }

  @Test
  void mismatchedDescriptorsFailOnRestoreOrOnLateRegistration() {
    KeyedStateBackend<Object> old = backend(0, 1, 16);
    old.value(COUNTS).put("a", 1L);
    old.namespaced(WINDOWS).getOrCreate("a", 5L);
    List<KeyedStateSnapshot> snapshot = List.of(old.snapshot());

    KeyedStateBackend<Object> early = backend(0, 1, 16);
    early.value(ValueStateDescriptor.of("counts", StateCodecs.ints()));
    assertThatThrownBy(() -> early.restore(snapshot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'counts'")
        .hasMessageContaining("value int")
        .hasMessageContaining("value long");
    assertThat(early.isEmpty()).isTrue();

    KeyedStateBackend<Object> late = backend(0, 1, 16);
    late.restore(snapshot);
    assertThatThrownBy(
            () -> late.map(new MapStateDescriptor<>("windows", StateCodecs.longs(), StateCodecs.longArrays())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'windows'")
        .hasMessageContaining("namespaced state")
        .hasMessageContaining("map state");
    assertThat(late.namespaced(WINDOWS).get("a", 5L)).containsExactly(0L);

    KeyedStateBackend<Object> otherKeyCodec =
        new KeyedStateBackend<>(16, new KeyGroupRange(0, 15), StateCodecs.serializable());
    assertThatThrownBy(() -> otherKeyCodec.restore(snapshot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key codec dynamic")
        .hasMessageContaining("key codec is java-serialization");

    KeyedStateBackend<Object> otherMax = backend(0, 1, 32);
    assertThatThrownBy(() -> otherMax.restore(snapshot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxParallelism 16")
        .hasMessageContaining("maxParallelism 32");

    KeyedStateBackend<Object> twice = backend(0, 1, 16);
    assertThatThrownBy(() -> twice.restore(List.of(snapshot.get(0), snapshot.get(0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("occurs in two snapshots");

    KeyedStateBackend<Object> full = backend(0, 1, 16);
    full.value(COUNTS).put("x", 1L);
    assertThatThrownBy(() -> full.restore(snapshot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds state");
  }

  /** A copy of {@code snapshot} with the block of (state, group) replaced. */
  static KeyedStateSnapshot withBlock(
      KeyedStateSnapshot snapshot, String state, int group, byte[] block) {
    Map<String, StateMeta> metas = new HashMap<>();
    Map<String, Map<Integer, byte[]>> blocks = new HashMap<>();
    for (String name : snapshot.stateNames()) {
      metas.put(name, snapshot.meta(name));
      SortedMap<Integer, byte[]> copy = new TreeMap<>(snapshot.blocksShared(name));
      if (name.equals(state)) {
        copy.put(group, block);
      }
      blocks.put(name, copy);
    }
    return new KeyedStateSnapshot(snapshot.maxParallelism(), metas, blocks);
  }

  @Test
  void aCorruptedBlockFailsNamingTheStateAndKeyGroup() {
    KeyedStateBackend<Object> old = backend(0, 1, 16);
    for (int i = 0; i < 50; i++) {
      old.map(LABELS).put("key" + i, "u", "a label long enough to cut");
    }
    KeyedStateSnapshot snapshot = old.snapshot();
    int group = snapshot.keyGroups("labels").first();
    byte[] block = snapshot.block("labels", group);

    KeyedStateSnapshot truncated =
        withBlock(snapshot, "labels", group, Arrays.copyOf(block, block.length - 3));
    KeyedStateBackend<Object> early = backend(0, 1, 16);
    early.map(LABELS);
    assertThatThrownBy(() -> early.restore(List.of(truncated)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state 'labels', key group " + group)
        .hasMessageContaining("truncated");
    // restored before registration: the same failure when the state is registered
    KeyedStateBackend<Object> late = backend(0, 1, 16);
    late.restore(List.of(truncated));
    assertThatThrownBy(() -> late.map(LABELS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state 'labels', key group " + group)
        .hasMessageContaining("truncated");

    byte[] longer = Arrays.copyOf(block, block.length + 2);
    KeyedStateBackend<Object> trailing = backend(0, 1, 16);
    trailing.map(LABELS);
    assertThatThrownBy(
            () -> trailing.restore(List.of(withBlock(snapshot, "labels", group, longer))))
        .hasMessageContaining("state 'labels', key group " + group)
        .hasMessageContaining("2 bytes follow");
    // the header is checked on restore even before the state is registered
    byte[] future = block.clone();
    future[0] = 9;
    assertThatThrownBy(
            () -> backend(0, 1, 16).restore(List.of(withBlock(snapshot, "labels", group, future))))
        .hasMessageContaining("state 'labels', key group " + group)
        .hasMessageContaining("format version 9");
    // a block filed under the wrong key group is caught by the key's own group
    int other = (group + 1) % 16;
    if (snapshot.block("labels", other) == null) {
      KeyedStateSnapshot misplaced = withBlock(snapshot, "labels", other, block);
      KeyedStateBackend<Object> b = backend(0, 1, 16);
      b.map(LABELS);
      assertThatThrownBy(() -> b.restore(List.of(misplaced)))
          .hasMessageContaining("state 'labels', key group")
          .hasMessageContaining("belongs to key group " + group);
    }
  }

  @Test
  void restoredStateNotYetRegisteredIsCountedAndCarriedIntoSnapshots() {
    KeyedStateBackend<Object> old = backend(0, 1, 16);
    for (int i = 0; i < 30; i++) {
      old.value(COUNTS).put("k" + i, (long) i);
    }
    KeyedStateBackend<Object> b = backend(0, 1, 16);
    b.restore(List.of(old.snapshot()));
    assertThat(b.isEmpty()).isFalse();
    assertThat(b.totalEntries()).isEqualTo(30);
    assertThat(b.estimatedBytes()).isPositive();
    KeyedStateBackend<Object> next = backend(0, 1, 16);
    next.restore(List.of(b.snapshot())); // never registered in b
    assertThat(next.value(COUNTS).get("k7")).isEqualTo(7L);
    assertThat(next.value(COUNTS).size()).isEqualTo(30);
    for (int i = 0; i < 30; i++) {
      next.value(COUNTS).remove("k" + i);
    }
    assertThat(next.isEmpty()).isTrue();
    assertThat(next.totalEntries()).isZero();
  }

  @Test
  void longKeyedStateSharesTheValueStateFormat() {
    KeyedStateBackend<Long> old =
        new KeyedStateBackend<>(32, new KeyGroupRange(0, 31), StateCodecs.longs());
    LongKeyedStateTable<Long> table = old.longValue(COUNTS);
    for (long k = -100; k < 100; k++) {
      table.put(k * 7919, k);
    }
    List<KeyedStateSnapshot> snapshot = List.of(old.snapshot());
    KeyedStateBackend<Long> boxed =
        new KeyedStateBackend<>(32, new KeyGroupRange(0, 15), StateCodecs.longs());
    boxed.restore(snapshot);
    KeyedStateBackend<Long> primitive =
        new KeyedStateBackend<>(32, new KeyGroupRange(16, 31), StateCodecs.longs());
    primitive.restore(snapshot);
    Map<Long, Long> union = new HashMap<>();
    boxed.value(COUNTS).forEach((k, v) -> union.put(k, v));
    primitive.longValue(COUNTS).forEach((k, v) -> assertThat(union.put(k, v)).isNull());
    assertThat(union).hasSize(200);
    for (long k = -100; k < 100; k++) {
      assertThat(union.get(k * 7919)).isEqualTo(k);
    }
  }

  @Test
  void snapshotIsImmutable() {
    KeyedStateBackend<Object> b = backend(0, 1, 4);
    b.value(COUNTS).put("a", 1L);
    KeyedStateSnapshot s = b.snapshot();
    int group = s.keyGroups("counts").first();
    s.block("counts", group)[0] = 42;
    assertThat(s.block("counts", group)[0]).isEqualTo((byte) StateKind.FORMAT_VERSION);
    assertThat(s.sizeBytes()).isEqualTo(s.block("counts", group).length);
    assertThat(s.entryCount("counts")).isEqualTo(1);
    b.value(COUNTS).put("a", 2L);
    KeyedStateBackend<Object> restored = backend(0, 1, 4);
    restored.restore(List.of(s));
    assertThat(restored.value(COUNTS).get("a")).isEqualTo(1L);
  }
}
