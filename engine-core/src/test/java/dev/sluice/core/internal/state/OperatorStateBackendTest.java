package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.testsupport.SeededRuns;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorStateBackendTest {
  static final ListStateDescriptor<String> SPLITS =
      new ListStateDescriptor<>("splits", StateCodecs.strings());
  static final BroadcastStateDescriptor<String, Long> RULES =
      new BroadcastStateDescriptor<>("rules", StateCodecs.strings(), StateCodecs.longs());

  static List<OperatorStateBackend> job(int parallelism) {
    List<OperatorStateBackend> job = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      job.add(new OperatorStateBackend(i, parallelism));
    }
    return job;
  }

  static List<OperatorStateSnapshot> snapshots(List<OperatorStateBackend> job) {
    List<OperatorStateSnapshot> snapshots = new ArrayList<>();
    for (OperatorStateBackend b : job) {
      snapshots.add(b.snapshot());
    }
    return snapshots;
  }

  static List<OperatorStateBackend> restored(
      List<OperatorStateSnapshot> snapshots, int parallelism, boolean lazy) {
    List<OperatorStateBackend> job = job(parallelism);
    for (OperatorStateBackend b : job) {
      if (!lazy) {
        b.list(SPLITS);
        b.broadcast(RULES);
      }
      b.restore(snapshots);
    }
    return job;
  }

  /** Fills list state with "i:e" elements and gives each instance broadcast rules. */
  static List<String> fill(List<OperatorStateBackend> job, int[] counts) {
    List<String> union = new ArrayList<>();
    for (int i = 0; i < job.size(); i++) {
      for (int e = 0; e < counts[i]; e++) {
        String element = i + ":" + e;
        job.get(i).list(SPLITS).add(element);
        union.add(element);
      }
      job.get(i).broadcast(RULES).put("rule", 10L);
      job.get(i).broadcast(RULES).put("instance", (long) i); // differs, to see whose copy wins
    }
    return union;
  }

  @Test
  void sameParallelismGivesEveryInstanceItsOwnList() {
    List<OperatorStateBackend> job = job(3);
    fill(job, new int[] {2, 0, 5});
    List<OperatorStateBackend> again = restored(snapshots(job), 3, false);
    for (int i = 0; i < 3; i++) {
      assertThat(again.get(i).list(SPLITS).get()).isEqualTo(job.get(i).list(SPLITS).get());
      assertThat(again.get(i).broadcast(RULES).get("instance")).isZero();
      assertThat(again.get(i).broadcast(RULES).get("rule")).isEqualTo(10L);
    }
  }

  @Test
  void twoToOneAndTwoToFour() {
    List<OperatorStateBackend> two = job(2);
    List<String> union = fill(two, new int[] {3, 4});
    List<OperatorStateSnapshot> snapshots = snapshots(two);
    List<OperatorStateBackend> one = restored(snapshots, 1, false);
    assertThat(one.get(0).list(SPLITS).get()).containsExactlyElementsOf(union);
    List<OperatorStateBackend> four = restored(snapshots, 4, true);
    // union 0:0 0:1 0:2 1:0 1:1 1:2 1:3, dealt round-robin
    assertThat(four.get(0).list(SPLITS).get()).containsExactly("0:0", "1:1");
    assertThat(four.get(1).list(SPLITS).get()).containsExactly("0:1", "1:2");
    assertThat(four.get(2).list(SPLITS).get()).containsExactly("0:2", "1:3");
    assertThat(four.get(3).list(SPLITS).get()).containsExactly("1:0");
    for (OperatorStateBackend b : four) {
      assertThat(b.broadcast(RULES).get("instance")).as("instance 0's copy").isZero();
      assertThat(b.broadcast(RULES).size()).isEqualTo(2);
    }
  }

  @Test
  void randomRescalesLoseAndDuplicateNothing() {
    SeededRuns.run(
        100,
        generator -> {
          // list state p -> q
          SplittableRandom r = generator.random();
          int from = 1 + r.nextInt(6);
          int to = 1 + r.nextInt(6);
          int[] counts = new int[from];
          for (int i = 0; i < from; i++) {
            counts[i] = r.nextInt(20);
          }
          List<OperatorStateBackend> job = job(from);
          List<String> union = fill(job, counts);
          List<OperatorStateBackend> rescaled = restored(snapshots(job), to, r.nextBoolean());
          List<String> all = new ArrayList<>();
          int min = Integer.MAX_VALUE;
          int max = 0;
          for (OperatorStateBackend b : rescaled) {
            List<String> mine = b.list(SPLITS).get();
            all.addAll(mine);
            min = Math.min(min, mine.size());
            max = Math.max(max, mine.size());
            assertThat(b.broadcast(RULES).get("instance")).isZero();
          }
          assertThat(all).containsExactlyInAnyOrderElementsOf(union);
          if (from != to) {
            assertThat(max - min).as("round-robin balance").isLessThanOrEqualTo(1);
          }
        });
  }

  @Test
  void restoreChecksTheSetOfSnapshotsAndTheDescriptors() {
    List<OperatorStateBackend> two = job(2);
    fill(two, new int[] {1, 1});
    List<OperatorStateSnapshot> snapshots = snapshots(two);
    assertThatThrownBy(() -> new OperatorStateBackend(0, 1).restore(List.of(snapshots.get(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one snapshot of each old instance")
        .hasMessageContaining("instance 1 of 2");
    assertThatThrownBy(
            () ->
                new OperatorStateBackend(0, 1)
                    .restore(List.of(snapshots.get(0), snapshots.get(0))))
        .hasMessageContaining("exactly one snapshot of each old instance");
    OperatorStateBackend early = new OperatorStateBackend(0, 1);
    early.list(new ListStateDescriptor<>("splits", StateCodecs.longs()));
    assertThatThrownBy(() -> early.restore(snapshots))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'splits'")
        .hasMessageContaining("element long")
        .hasMessageContaining("element string");
    OperatorStateBackend late = new OperatorStateBackend(0, 1);
    late.restore(snapshots);
    assertThatThrownBy(
            () ->
                late.broadcast(
                    new BroadcastStateDescriptor<>(
                        "rules", StateCodecs.strings(), StateCodecs.strings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rules'");
    assertThatThrownBy(
            () -> late.list(new ListStateDescriptor<>("rules", StateCodecs.strings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rules'")
        .hasMessageContaining("broadcast state")
        .hasMessageContaining("list state");
    assertThat(late.list(SPLITS).get()).containsExactly("0:0", "1:0");
  }

  @Test
  void aCorruptedElementFailsNamingTheStateAndWhereItCameFrom() {
    OperatorStateBackend old = new OperatorStateBackend(0, 1);
    old.list(SPLITS).addAll(List.of("first", "second element"));
    OperatorStateSnapshot s = old.snapshot();
    byte[] cut = s.element("splits", 1);
    cut = Arrays.copyOf(cut, cut.length - 2);
    Map<String, List<byte[]>> lists = new HashMap<>();
    lists.put("splits", List.of(s.element("splits", 0), cut));
    OperatorStateSnapshot corrupted =
        new OperatorStateSnapshot(
            0, 1, Map.of("splits", s.meta("splits")), lists, Map.of());
    OperatorStateBackend b = new OperatorStateBackend(0, 1);
    b.list(SPLITS);
    assertThatThrownBy(() -> b.restore(List.of(corrupted)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("list state 'splits', element 1 of old instance 0");
  }

  @Test
  void listStateViewIsLiveAndUnmodifiableAndNullsAreRejected() {
    ListState<String> list = new OperatorStateBackend(0, 1).list(SPLITS);
    List<String> view = list.get();
    list.add("a");
    assertThat(view).containsExactly("a");
    assertThatThrownBy(() -> view.add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.update(Arrays.asList("x", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'splits'")
        .hasMessageContaining("position 1");
    assertThat(view).containsExactly("a");
    list.update(view); // with its own view: unchanged
    assertThat(view).containsExactly("a");
    list.update(List.of("c", "d"));
    assertThat(list.get()).containsExactly("c", "d");
    list.clear();
    assertThat(list.size()).isZero();
  }
}
