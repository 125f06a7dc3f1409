package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The laws every aggregate operation must obey, checked over one list of items against a model:
 * accumulating the whole list gives the model's result; so does accumulating random consecutive
 * parts and combining them (left to right, and as a balanced tree, which checks associativity);
 * combine leaves its argument unchanged; an accumulator restored from its codec gives the same
 * result and keeps accumulating correctly; and, if the operation can deduct, deducting a prefix
 * from the whole gives the suffix's result.
 */
final class AggregationLaws<T, A, R> {
  private final AggregateOperation<T, A, R> op;
  private final Function<List<T>, R> model;
  private final BiConsumer<R, R> same;

  /**
   * @param same asserts that the second result (from the operation) matches the first (from the
   *     model), with whatever tolerance the operation documents
   */
  AggregationLaws(AggregateOperation<T, A, R> op, Function<List<T>, R> model, BiConsumer<R, R> same) {
    this.op = op;
    this.model = model;
    this.same = same;
  }

  /** Exact equality of results. */
  static <T, A, R> AggregationLaws<T, A, R> exact(
      AggregateOperation<T, A, R> op, Function<List<T>, R> model) {
    return new AggregationLaws<>(op, model, (expected, actual) -> assertThat(actual).isEqualTo(expected));
  }

  /** Checks every law over {@code items}, choosing splits with {@code random}. */
  void check(List<T> items, SplittableRandom random) {
    R expected = model.apply(items);
    A whole = accumulate(items);
    same.accept(expected, op.export(whole));

    // restore half-way, then keep accumulating into the restored accumulator
    int half = items.isEmpty() ? 0 : random.nextInt(items.size() + 1);
    A restored = roundTrip(accumulate(items.subList(0, half)));
    for (T item : items.subList(half, items.size())) {
      op.accumulate(restored, item);
    }
    same.accept(expected, op.export(restored));
    same.accept(expected, op.export(roundTrip(whole)));

    List<A> parts = new ArrayList<>();
    for (List<T> part : randomParts(items, random)) {
      A acc = accumulate(part);
      parts.add(random.nextInt(4) == 0 ? roundTrip(acc) : acc);
    }
    A leftFold = op.create();
    for (A part : parts) {
      byte[] before = encode(part);
      op.combine(leftFold, part);
      assertThat(encode(part)).as("combine must not modify its argument").isEqualTo(before);
    }
    same.accept(expected, op.export(leftFold));
    same.accept(expected, op.export(treeFold(parts, 0, parts.size())));

    if (op.canDeduct()) {
      int cut = items.isEmpty() ? 0 : random.nextInt(items.size() + 1);
      A all = accumulate(items);
      A prefix = accumulate(items.subList(0, cut));
      op.deduct(all, prefix);
      same.accept(model.apply(items.subList(cut, items.size())), op.export(all));
      // a window that slides keeps deducting and combining: add the prefix back
      op.combine(all, prefix);
      same.accept(expected, op.export(all));
    }
  }

  A accumulate(List<T> items) {
    A acc = op.create();
    for (T item : items) {
      op.accumulate(acc, item);
    }
    return acc;
  }

  /** Combines parts [from, to) pairwise, earlier parts on the left. */
  private A treeFold(List<A> parts, int from, int to) {
    if (to - from == 0) {
      return op.create();
    }
    if (to - from == 1) {
      A copy = op.create();
      op.combine(copy, parts.get(from));
      return copy;
    }
    int mid = (from + to) >>> 1;
    A left = treeFold(parts, from, mid);
    op.combine(left, treeFold(parts, mid, to));
    return left;
  }

  private static <T> List<List<T>> randomParts(List<T> items, SplittableRandom random) {
    int k = 1 + random.nextInt(Math.min(items.size(), 12) + 1);
    int[] cuts = new int[k + 1];
    cuts[k] = items.size();
    for (int i = 1; i < k; i++) {
      cuts[i] = random.nextInt(items.size() + 1);
    }
    java.util.Arrays.sort(cuts, 1, k);
    List<List<T>> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(items.subList(cuts[i], cuts[i + 1]));
    }
    return parts;
  }

  A roundTrip(A acc) {
    return decode(op.accumulatorCodec(), encode(acc));
  }

  byte[] encode(A acc) {
    return encode(op.accumulatorCodec(), acc);
  }

  static <V> byte[] encode(StateCodec<V> codec, V value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      codec.encode(value, out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <V> V decode(StateCodec<V> codec, byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      V value = codec.decode(in);
      assertThat(in.read()).as("bytes left after decoding").isEqualTo(-1);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
