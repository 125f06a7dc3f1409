package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scenarios of the timer heap: ordering, dedup, firing with changes, growth, snapshots. */
class TimerHeapTest {
  /** A namespace shared by all timers that have no window, like a void namespace constant. */
  private static final Object SHARED_NAMESPACE = new Object();

  /** A window namespace compared by value. */
  private record Window(long start, long end) {}

  /** A timer as it fired or was visited. */
  private record Fired(Object key, Object namespace, long time, int keyGroup) {}

  private static Fired poll(TimerHeap heap, long upTo) {
    if (!heap.pollDue(upTo)) {
      return null;
    }
    return new Fired(heap.firedKey(), heap.firedNamespace(), heap.firedTime(), heap.firedKeyGroup());
  }

  private static List<Fired> drain(TimerHeap heap, long upTo) {
    List<Fired> fired = new ArrayList<>();
    while (heap.pollDue(upTo)) {
      fired.add(
          new Fired(heap.firedKey(), heap.firedNamespace(), heap.firedTime(), heap.firedKeyGroup()));
    }
    return fired;
  }

  @Test
  void firesInTimeOrderThenRegistrationOrder() {
    TimerHeap heap = new TimerHeap(2, 4);
    heap.register("c", 3, null, 20);
    heap.register("a", 1, null, 10);
    heap.register("b", 2, SHARED_NAMESPACE, 10);
    heap.register("z", 0, null, 5);
    heap.register("a", 1, new Window(0, 10), 10);

    assertThat(heap.peekTime()).isEqualTo(5);
    assertThat(drain(heap, 15))
        .containsExactly(
            new Fired("z", null, 5, 0),
            new Fired("a", null, 10, 1),
            new Fired("b", SHARED_NAMESPACE, 10, 2),
            new Fired("a", new Window(0, 10), 10, 1));
    assertThat(heap.size()).isEqualTo(1);
    assertThat(heap.peekTime()).isEqualTo(20);
    assertThat(drain(heap, 19)).isEmpty();
    assertThat(drain(heap, 20)).containsExactly(new Fired("c", null, 20, 3));
    assertThat(heap.isEmpty()).isTrue();
    assertThat(heap.peekTime()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void duplicateRegistrationIsFoundByEqualsAndKeepsItsPlace() {
    TimerHeap heap = new TimerHeap();
    assertThat(heap.register(new String("a"), 0, new Window(0, 10), 10)).isTrue();
    assertThat(heap.register("b", 0, new Window(0, 10), 10)).isTrue();
    // Equal (not identical) key and namespace, same time: the same timer.
    assertThat(heap.register(new String("a"), 0, new Window(0, 10), 10)).isFalse();
    assertThat(heap.contains(new String("a"), new Window(0, 10), 10)).isTrue();
    // Another namespace, no namespace, or another time: different timers.
    assertThat(heap.register("a", 0, new Window(0, 20), 10)).isTrue();
    assertThat(heap.register("a", 0, null, 10)).isTrue();
    assertThat(heap.register("a", 0, new Window(0, 10), 11)).isTrue();
    assertThat(heap.register("a", 0, null, 10)).isFalse();
    assertThat(heap.size()).isEqualTo(5);

    assertThat(drain(heap, Long.MAX_VALUE))
        .containsExactly(
            new Fired("a", new Window(0, 10), 10, 0),
            new Fired("b", new Window(0, 10), 10, 0),
            new Fired("a", new Window(0, 20), 10, 0),
            new Fired("a", null, 10, 0),
            new Fired("a", new Window(0, 10), 11, 0));
  }

  @Test
  void timerDeletedWhileTimersOfTheSameTimeFireDoesNotFire() {
    TimerHeap heap = new TimerHeap();
    heap.register("a", 0, null, 10);
    heap.register("b", 0, null, 10);
    heap.register("c", 0, null, 10);
    heap.register("d", 0, null, 10);

    assertThat(poll(heap, 10).key()).isEqualTo("a");
    // a's onTimer deletes b (not yet fired) and itself (already removed).
    assertThat(heap.delete("b", null, 10)).isTrue();
    assertThat(heap.delete("a", null, 10)).isFalse();
    assertThat(heap.contains("b", null, 10)).isFalse();
    assertThat(poll(heap, 10).key()).isEqualTo("c");
    assertThat(heap.delete(new String("d"), null, 10)).isTrue();
    assertThat(heap.pollDue(10)).isFalse();
    assertThat(heap.size()).isZero();
  }

  @Test
  void timerRegisteredWhileFiringFiresInTheSameAdvanceIfDue() {
    TimerHeap heap = new TimerHeap();
    heap.register("a", 0, null, 10);
    heap.register("b", 0, null, 10);

    assertThat(poll(heap, 10).key()).isEqualTo("a");
    // a's onTimer registers: itself again, an earlier time, the same time, and a later time.
    assertThat(heap.register("a", 0, null, 10)).isTrue();
    heap.register("early", 0, null, 5);
    heap.register("same", 0, null, 10);
    heap.register("late", 0, null, 11);

    assertThat(drain(heap, 10))
        .extracting(Fired::key)
        .containsExactly("early", "b", "a", "same");
    assertThat(heap.size()).isEqualTo(1);
    assertThat(heap.peekTime()).isEqualTo(11);
  }

  @Test
  void firesAMillionDueTimersInResumableChunksWithoutGrowing() {
    int timers = 1_000_000;
    int keyCount = 1000;
    Integer[] keys = new Integer[keyCount];
    for (int k = 0; k < keyCount; k++) {
      keys[k] = k;
    }
    // Register (key k, time t) pairs in a shuffled order; time = i / keyCount so all are distinct.
    int[] order = new int[timers];
    for (int i = 0; i < timers; i++) {
      order[i] = i;
    }
    Random random = new Random(42);
    for (int i = timers - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    TimerHeap heap = new TimerHeap();
    for (int i : order) {
      heap.register(keys[i % keyCount], i % 16, null, i / keyCount);
    }
    assertThat(heap.size()).isEqualTo(timers);
    int capacity = heap.capacity();
    long watermark = (timers - 1) / keyCount;
    Object again = "again";

    long fired = 0;
    long lastTime = Long.MIN_VALUE;
    long lastSequence = Long.MIN_VALUE;
    int chunks = 0;
    while (true) {
      int inChunk = 0;
      // The caller's loop: fire while the output has room (1000 per call), then return.
      while (inChunk < 1000 && heap.pollDue(watermark)) {
        inChunk++;
        long time = heap.firedTime();
        long sequence = heap.firedSequence();
        assertThat(time > lastTime || (time == lastTime && sequence > lastSequence))
            .as("(time, sequence) increases: (%d, %d) after (%d, %d)", time, sequence, lastTime,
                lastSequence)
            .isTrue();
        lastTime = time;
        lastSequence = sequence;
        int key = (Integer) heap.firedKey();
        if (heap.firedNamespace() == null) {
          if (key % 100 == 0) {
            heap.register(heap.firedKey(), 0, again, time); // due: fires in this advance
          } else if (key % 100 == 1) {
            heap.register(heap.firedKey(), 0, again, watermark + 1 + time); // not due
          }
        }
      }
      fired += inChunk;
      if (inChunk < 1000) {
        break;
      }
      chunks++;
      assertThat(heap.capacity()).as("no growth while firing").isEqualTo(capacity);
      assertThat(heap.size()).isLessThanOrEqualTo(timers);
    }
    assertThat(fired).isEqualTo(timers + timers / 100);
    assertThat(chunks).isEqualTo((int) (fired / 1000));
    assertThat(heap.size()).isEqualTo(timers / 100);
    assertThat(heap.peekTime()).isEqualTo(watermark + 1);
    assertThat(heap.slotsHoldingReferences()).isEqualTo(heap.size());
    heap.checkInvariants();
  }

  @Test
  void growsByDoublingAndShrinksOnlyWhenTrimmed() {
    TimerHeap heap = new TimerHeap(2, 2);
    assertThat(heap.capacity()).isEqualTo(2);
    for (int i = 0; i < 1000; i++) {
      heap.register("k" + (i % 7), 0, null, 1000 - i);
      heap.checkInvariants();
    }
    assertThat(heap.capacity()).isEqualTo(1024);
    // Delete all but ten; the arrays stay.
    for (int i = 0; i < 990; i++) {
      assertThat(heap.delete("k" + (i % 7), null, 1000 - i)).isTrue();
    }
    assertThat(heap.size()).isEqualTo(10);
    assertThat(heap.capacity()).isEqualTo(1024);
    heap.checkInvariants();

    heap.trimToSize();
    assertThat(heap.capacity()).isEqualTo(16);
    heap.checkInvariants();
    assertThat(heap.contains("k" + (995 % 7), null, 5)).isTrue();
    // Grows again from the trimmed size.
    for (int i = 0; i < 10; i++) {
      heap.register("late", 0, null, 2000 + i);
    }
    assertThat(heap.capacity()).isEqualTo(32);
    heap.checkInvariants();
    List<Long> times = new ArrayList<>();
    while (heap.pollDue(Long.MAX_VALUE)) {
      times.add(heap.firedTime());
    }
    assertThat(times).containsExactly(
        1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 2000L, 2001L, 2002L, 2003L, 2004L, 2005L, 2006L,
        2007L, 2008L, 2009L);
    heap.trimToSize();
    assertThat(heap.capacity()).isEqualTo(2);
  }

  @Test
  void removedTimersHoldNoReferences() {
    TimerHeap heap = new TimerHeap(4, 4);
    for (int i = 0; i < 100; i++) {
      heap.register("k" + i, 0, new Window(i, i + 1), i);
    }
    assertThat(heap.slotsHoldingReferences()).isEqualTo(100);
    for (int i = 0; i < 100; i += 3) {
      heap.delete("k" + i, new Window(i, i + 1), i);
    }
    assertThat(heap.slotsHoldingReferences()).isEqualTo(heap.size()).isEqualTo(66);
    for (int i = 0; i < 30; i++) {
      assertThat(heap.pollDue(Long.MAX_VALUE)).isTrue();
    }
    assertThat(heap.slotsHoldingReferences()).isEqualTo(heap.size()).isEqualTo(36);
    // The fired timer is held only until the next poll; a poll that removes nothing forgets it.
    assertThat(heap.pollDue(Long.MIN_VALUE)).isFalse();
    assertThatThrownBy(heap::firedKey).isInstanceOf(IllegalStateException.class);
    heap.clear();
    assertThat(heap.slotsHoldingReferences()).isZero();
    assertThat(heap.size()).isZero();
    heap.checkInvariants();
  }

  @Test
  void restoreFromAVisitKeepsTheOrderAmongEqualTimes() {
    TimerHeap original = new TimerHeap();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      original.register("k" + random.nextInt(100), i % 5, new Window(0, random.nextInt(3)),
          random.nextInt(10));
    }
    // Fire and delete some so sequence numbers have gaps.
    for (int i = 0; i < 50; i++) {
      original.pollDue(Long.MAX_VALUE);
    }
    original.delete("k1", new Window(0, 1), 5);
    List<Object[]> snapshot = new ArrayList<>();
    original.visit(
        (key, keyGroup, namespace, time, sequence) ->
            snapshot.add(new Object[] {key, keyGroup, namespace, time, sequence}));
    assertThat(snapshot).hasSize(original.size());

    Collections.shuffle(snapshot, random);
    TimerHeap restored = new TimerHeap(2, 2);
    for (Object[] t : snapshot) {
      assertThat(restored.restore(t[0], (Integer) t[1], t[2], (Long) t[3], (Long) t[4])).isTrue();
    }
    restored.checkInvariants();
    // New registrations order after every restored timer of the same time, in both heaps.
    original.register("new", 0, null, 9);
    restored.register("new", 0, null, 9);

    assertThat(drain(restored, Long.MAX_VALUE)).isEqualTo(drain(original, Long.MAX_VALUE));
  }

  @Test
  void rejectsBadInputWithoutChangingAnything() {
    TimerHeap heap = new TimerHeap();
    heap.register("a", 0, null, 1);
    assertThatThrownBy(() -> heap.register(null, 0, null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timer key");
    assertThatThrownBy(() -> heap.register("b", -1, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key group")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> heap.restore("b", 0, null, 1, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> new TimerHeap(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimerHeap(16, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arity");
    assertThatThrownBy(heap::firedTime).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> heap.visit((key, keyGroup, namespace, time, sequence) -> heap.delete(key, namespace, time)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("visited");
    assertThat(heap.size()).isEqualTo(1);
    assertThat(heap.contains("a", null, 1)).isTrue();
    // After a failed visit the heap is usable again.
    assertThat(heap.delete("a", null, 1)).isTrue();
    heap.checkInvariants();
  }

  @Test
  void failingHashCodeOrEqualsLeavesTheHeapUnchanged() {
    final class Failing {
      final boolean failHash;

      Failing(boolean failHash) {
        this.failHash = failHash;
      }

      @Override
      public int hashCode() {
        if (failHash) {
          throw new IllegalStateException("hashCode fails");
        }
        return 1;
      }

      @Override
      public boolean equals(Object other) {
        throw new IllegalStateException("equals fails");
      }
    }
    TimerHeap heap = new TimerHeap();
    Failing stored = new Failing(false);
    heap.register(stored, 0, null, 3);
    assertThatThrownBy(() -> heap.register(new Failing(true), 0, null, 3))
        .hasMessage("hashCode fails");
    // Same hash and time as the stored key, so the probe calls equals, which throws.
    assertThatThrownBy(() -> heap.register(new Failing(false), 0, null, 3))
        .hasMessage("equals fails");
    assertThat(heap.size()).isEqualTo(1);
    heap.checkInvariants();
    assertThat(heap.pollDue(3)).isTrue();
    assertThat(heap.firedKey()).isSameAs(stored);
  }

  @Test
  void extremeTimesOrderCorrectly() {
    TimerHeap heap = new TimerHeap();
    heap.register("max", 0, null, Long.MAX_VALUE);
    heap.register("min", 0, null, Long.MIN_VALUE);
    heap.register("zero", 0, null, 0);
    assertThat(heap.peekTime()).isEqualTo(Long.MIN_VALUE);
    assertThat(drain(heap, Long.MAX_VALUE - 1)).extracting(Fired::key).containsExactly("min", "zero");
    assertThat(heap.isEmpty()).isFalse();
    assertThat(heap.peekTime()).isEqualTo(Long.MAX_VALUE);
    assertThat(drain(heap, Long.MAX_VALUE)).extracting(Fired::key).containsExactly("max");
  }

  @Test
  void keysWithCollidingHashCodesStayDistinct() {
    record Colliding(int id) {
      @Override
      public int hashCode() {
        return 0;
      }
    }
    TimerHeap heap = new TimerHeap(2, 8);
    for (int i = 0; i < 200; i++) {
      assertThat(heap.register(new Colliding(i), 0, null, 1)).isTrue();
    }
    for (int i = 0; i < 200; i += 2) {
      assertThat(heap.delete(new Colliding(i), null, 1)).isTrue();
    }
    heap.checkInvariants();
    for (int i = 0; i < 200; i++) {
      assertThat(heap.contains(new Colliding(i), null, 1)).isEqualTo(i % 2 == 1);
      assertThat(heap.register(new Colliding(i), 0, null, 1)).isEqualTo(i % 2 == 0);
    }
    heap.checkInvariants();
    List<Object> keys = new ArrayList<>();
    while (heap.pollDue(1)) {
      keys.add(heap.firedKey());
    }
    List<Object> expected = new ArrayList<>();
    for (int i = 1; i < 200; i += 2) {
      expected.add(new Colliding(i));
    }
    for (int i = 0; i < 200; i += 2) {
      expected.add(new Colliding(i));
    }
    assertThat(keys).isEqualTo(expected);
  }

  /**
   * Long keys are matched by value while every key is a Long, and with {@code equals} once another
   * type arrives: duplicates in other boxes are found, a Long and an Integer of the same value are
   * two timers, and everything fires once in order.
   */
  @Test
  void longKeysMatchByValueAndStayDistinctFromOtherTypes() {
    TimerHeap heap = new TimerHeap(2, 4);
    for (long k = 0; k < 2_000; k++) {
      assertThat(heap.register(Long.valueOf(k + 1_000), 0, null, k % 10)).isTrue();
    }
    for (long k = 0; k < 2_000; k += 3) {
      assertThat(heap.register(Long.valueOf(k + 1_000), 0, null, k % 10)).isFalse();
      assertThat(heap.contains(Long.valueOf(k + 1_000), null, (k + 1) % 10)).isFalse();
    }
    assertThat(heap.register(Integer.valueOf(1_000), 0, null, 0)).isTrue();
    assertThat(heap.register(Long.valueOf(1_000), 0, null, 0)).isFalse();
    assertThat(heap.delete(Long.valueOf(1_010), null, 0)).isTrue();
    heap.checkInvariants();
    assertThat(heap.size()).isEqualTo(2_000);
    long previous = Long.MIN_VALUE;
    int fired = 0;
    while (heap.pollDue(Long.MAX_VALUE)) {
      assertThat(heap.firedTime()).isGreaterThanOrEqualTo(previous);
      previous = heap.firedTime();
      fired++;
    }
    assertThat(fired).isEqualTo(2_000);
  }
}
