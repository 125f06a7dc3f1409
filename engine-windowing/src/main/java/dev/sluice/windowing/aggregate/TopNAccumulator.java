package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The {@code n} greatest items by a comparator, with ties broken by arrival (the earlier item
 * ranks higher): the accumulator of {@link Aggregations#topN}.
 *
 * <p>It keeps at most {@code n} items in a binary heap of parallel arrays (items and their arrival
 * numbers), so a full accumulator replaces its worst item in O(log n) without allocating. Every
 * item gets an arrival number; {@link #combine} numbers the other accumulator's items after this
 * one's, as if they had arrived later. So the result over a stream split into consecutive parts is
 * exactly the result over the whole stream, ties included, when the parts are combined in order.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none per item after the heap reached
 * {@code n} items.
 *
 * @param <T> the item type
 */
public final class TopNAccumulator<T> {
  private final int n;
  private final Comparator<? super T> comparator;
  private Object[] items;
  private long[] arrivals;
  private int size;
  private long seen;

  /**
   * Creates an empty accumulator.
   *
   * @param n how many items to keep, at least 1
   * @param comparator orders items; the greatest are kept
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public TopNAccumulator(int n, Comparator<? super T> comparator) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    this.n = n;
    this.comparator = Objects.requireNonNull(comparator, "comparator");
    int capacity = Math.min(n, 16);
    this.items = new Object[capacity];
    this.arrivals = new long[capacity];
  }

  /** How many items are kept at most. */
  public int limit() {
    return n;
  }

  /** How many items are held now (at most {@link #limit()}). */
  public int size() {
    return size;
  }

  /** How many items were offered, including those not kept. */
  public long seen() {
    return seen;
  }

  /** Offers {@code item}, the latest arrival so far. */
  public void add(T item) {
    offer(item, seen++);
  }

  /** Offers every item of {@code other}, numbered as arrivals after this one's. */
  public void combine(TopNAccumulator<T> other) {
    long offset = seen;
    for (int i = 0; i < other.size; i++) {
      offer(other.item(i), offset + other.arrivals[i]);
    }
    seen += other.seen;
  }

  /** The held items, best first (a new mutable list). */
  public List<T> toList() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> worse(a, b) ? 1 : worse(b, a) ? -1 : 0);
    List<T> out = new ArrayList<>(size);
    for (Integer i : order) {
      out.add(item(i));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private T item(int i) {
    return (T) items[i];
  }

  private void offer(T item, long arrival) {
    if (size < n) {
      if (size == items.length) {
        int capacity = (int) Math.min(n, 2L * items.length);
        items = Arrays.copyOf(items, capacity);
        arrivals = Arrays.copyOf(arrivals, capacity);
      }
      items[size] = item;
      arrivals[size] = arrival;
      siftUp(size++);
    } else if (better(item, arrival, item(0), arrivals[0])) {
      items[0] = item;
      arrivals[0] = arrival;
      siftDown(0);
    }
  }

  private boolean better(T a, long arrivalA, T b, long arrivalB) {
    int c = comparator.compare(a, b);
    return c > 0 || (c == 0 && arrivalA < arrivalB);
  }

  /** True if the item at {@code i} ranks below the one at {@code j}. */
  private boolean worse(int i, int j) {
    return better(item(j), arrivals[j], item(i), arrivals[i]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && worse(right, left)) {
        worst = right;
      }
      if (!worse(worst, i)) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int i, int j) {
    Object item = items[i];
    items[i] = items[j];
    items[j] = item;
    long arrival = arrivals[i];
    arrivals[i] = arrivals[j];
    arrivals[j] = arrival;
  }

  /**
   * Writes the number of items offered and held, then each held item's arrival number and the
   * item with {@code itemCodec}.
   *
   * @param n the limit of the accumulators this codec decodes
   * @param comparator their comparator
   * @param itemCodec writes one item
   */
  public static <T> StateCodec<TopNAccumulator<T>> codec(
      int n, Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    Objects.requireNonNull(itemCodec, "itemCodec");
    Objects.requireNonNull(comparator, "comparator");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    return new StateCodec<>() {
      @Override
      public void encode(TopNAccumulator<T> value, DataOutput out) throws IOException {
        out.writeLong(value.seen);
        out.writeInt(value.size);
        for (int i = 0; i < value.size; i++) {
          out.writeLong(value.arrivals[i]);
          itemCodec.encode(value.item(i), out);
        }
      }

      @Override
      public TopNAccumulator<T> decode(DataInput in) throws IOException {
        TopNAccumulator<T> a = new TopNAccumulator<>(n, comparator);
        a.seen = in.readLong();
        int size = in.readInt();
        if (size < 0 || size > n) {
          throw new IOException("corrupt top-" + n + " accumulator: " + size + " items");
        }
        a.items = new Object[Math.max(size, a.items.length)];
        a.arrivals = new long[a.items.length];
        for (int i = 0; i < size; i++) {
          a.arrivals[i] = in.readLong();
          a.items[i] = itemCodec.decode(in);
        }
        a.size = size; // written in heap order, so still a heap
        return a;
      }

      @Override
      public String formatId() {
        return "sluice.aggregate.top-n/1<" + itemCodec.formatId() + ">";
      }
    };
  }

  @Override
  public String toString() {
    return "TopNAccumulator[" + Collections.unmodifiableList(toList()) + "]";
  }
}
