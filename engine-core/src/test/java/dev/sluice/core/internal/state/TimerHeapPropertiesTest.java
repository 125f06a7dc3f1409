package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer heap against a reference model (a TreeSet ordered by time and registration order plus
 * a HashMap for identity) under random interleavings of register, delete, contains, resumable
 * firing, trimming and snapshot/restore. Every assertion names the seed; rerun one seed with
 * {@code -Dsluice.timerheap.seed=<seed>}.
 */
class TimerHeapPropertiesTest {
  private static final Object SHARED_NAMESPACE = new Object();

  private record Window(long start, long end) {}

  /** A key whose hash collides with every other key of the same id modulo 3. */
  private record PoorHashKey(int id) {
    @Override
    public int hashCode() {
      return id % 3;
    }
  }

  private record Identity(Object key, Object namespace, long time) {}

  private record ModelTimer(Identity id, int keyGroup, long order) {}

  private static final Comparator<ModelTimer> FIRING_ORDER =
      Comparator.comparingLong((ModelTimer t) -> t.id().time()).thenComparingLong(ModelTimer::order);

  @Test
  void behavesLikeTheReferenceModel() {
    Long fixed = Long.getLong("sluice.timerheap.seed");
    long base = fixed != null ? fixed : new SplittableRandom().nextLong();
    int runs = fixed != null ? 1 : 40;
    System.out.println("TimerHeapPropertiesTest base seed " + base + " (" + runs + " runs)");
    for (int run = 0; run < runs; run++) {
      runOne(base + run);
    }
  }

  private static void runOne(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int arity = 1 << (1 + random.nextInt(3));
    TimerHeap heap = new TimerHeap(1 + random.nextInt(8), arity);
    TreeSet<ModelTimer> queue = new TreeSet<>(FIRING_ORDER);
    Map<Identity, ModelTimer> byIdentity = new HashMap<>();
    long order = 0;
    int keyCount = 1 + random.nextInt(30);
    int timeRange = 1 + random.nextInt(60);
    long timeBase = random.nextBoolean() ? 0 : Long.MAX_VALUE - timeRange;
    String context = "seed " + seed + " (arity " + arity + ")";

    for (int step = 0; step < 4000; step++) {
      String at = context + " step " + step;
      int op = random.nextInt(100);
      if (op < 40) {
        Identity id = randomIdentity(random, keyCount, timeBase, timeRange);
        int keyGroup = random.nextInt(128);
        boolean added = heap.register(id.key(), keyGroup, id.namespace(), id.time());
        boolean expected = !byIdentity.containsKey(id);
        assertThat(added).as("register %s at %s", id, at).isEqualTo(expected);
        if (expected) {
          ModelTimer timer = new ModelTimer(id, keyGroup, order++);
          byIdentity.put(id, timer);
          queue.add(timer);
        }
      } else if (op < 55) {
        Identity id =
            !byIdentity.isEmpty() && random.nextBoolean()
                ? anyOf(byIdentity, random)
                : randomIdentity(random, keyCount, timeBase, timeRange);
        // Delete with equal but not identical objects where the key is a String.
        Object key = id.key() instanceof String s ? new String(s) : id.key();
        boolean deleted = heap.delete(key, id.namespace(), id.time());
        ModelTimer removed = byIdentity.remove(id);
        assertThat(deleted).as("delete %s at %s", id, at).isEqualTo(removed != null);
        if (removed != null) {
          queue.remove(removed);
        }
      } else if (op < 65) {
        Identity id = randomIdentity(random, keyCount, timeBase, timeRange);
        assertThat(heap.contains(id.key(), id.namespace(), id.time()))
            .as("contains %s at %s", id, at)
            .isEqualTo(byIdentity.containsKey(id));
      } else if (op < 95) {
        // One call of a caller that fires at most `room` timers, then returns.
        long upTo = timeBase - 1 + random.nextInt(timeRange + 2);
        int room = 1 + random.nextInt(20);
        for (int i = 0; i < room; i++) {
          ModelTimer head = queue.isEmpty() ? null : queue.first();
          boolean due = head != null && head.id().time() <= upTo;
          assertThat(heap.pollDue(upTo)).as("pollDue(%d) at %s", upTo, at).isEqualTo(due);
          if (!due) {
            break;
          }
          queue.pollFirst();
          byIdentity.remove(head.id());
          Identity firedId = new Identity(heap.firedKey(), heap.firedNamespace(), heap.firedTime());
          assertThat(firedId).as("fired timer at %s", at).isEqualTo(head.id());
          assertThat(heap.firedKeyGroup()).as("fired key group at %s", at).isEqualTo(head.keyGroup());
        }
      } else if (op < 97) {
        heap.trimToSize();
      } else {
        heap = snapshotAndRestore(heap, random);
      }
      assertThat(heap.size()).as("size at %s", at).isEqualTo(queue.size());
      assertThat(heap.isEmpty()).as("isEmpty at %s", at).isEqualTo(queue.isEmpty());
      if (!queue.isEmpty()) {
        assertThat(heap.peekTime()).as("peekTime at %s", at).isEqualTo(queue.first().id().time());
      }
      assertThat(heap.slotsHoldingReferences()).as("references held at %s", at).isEqualTo(queue.size());
      try {
        heap.checkInvariants();
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + " at " + at, e);
      }
    }
    // Drain the rest and compare the full order.
    List<Identity> fired = new ArrayList<>();
    while (heap.pollDue(Long.MAX_VALUE)) {
      fired.add(new Identity(heap.firedKey(), heap.firedNamespace(), heap.firedTime()));
    }
    List<Identity> expected = new ArrayList<>();
    for (ModelTimer timer : queue) {
      expected.add(timer.id());
    }
    assertThat(fired).as("final drain, %s", context).isEqualTo(expected);
  }

  private static TimerHeap snapshotAndRestore(TimerHeap heap, SplittableRandom random) {
    List<Object[]> snapshot = new ArrayList<>();
    heap.visit(
        (key, keyGroup, namespace, time, sequence) ->
            snapshot.add(new Object[] {key, keyGroup, namespace, time, sequence}));
    Collections.shuffle(snapshot, new java.util.Random(random.nextLong()));
    TimerHeap restored = new TimerHeap(1 + random.nextInt(8), 1 << (1 + random.nextInt(3)));
    for (Object[] t : snapshot) {
      restored.restore(t[0], (Integer) t[1], t[2], (Long) t[3], (Long) t[4]);
    }
    return restored;
  }

  private static Identity anyOf(Map<Identity, ModelTimer> timers, SplittableRandom random) {
    int skip = random.nextInt(timers.size());
    for (Identity id : timers.keySet()) {
      if (skip-- == 0) {
        return id;
      }
    }
    throw new AssertionError("unreachable");
  }

  private static Identity randomIdentity(
      SplittableRandom random, int keyCount, long timeBase, int timeRange) {
    int k = random.nextInt(keyCount);
    Object key = random.nextInt(4) == 0 ? new PoorHashKey(k) : "k" + k;
    Object namespace =
        switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> SHARED_NAMESPACE;
          default -> new Window(random.nextInt(3), 10);
        };
    return new Identity(key, namespace, timeBase + random.nextInt(timeRange));
  }
}
