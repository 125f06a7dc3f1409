package dev.sluice.cep.join.internal;

import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.ValueStateDescriptor;

/**
 * Interval join: a right event at {@code r} joins a left event at {@code l} of the same key when
 * {@code l + lower <= r <= l + upper}. Each arriving event is joined at once with the buffered
 * events of the other side and emitted with timestamp {@code max(l, r)}; it is buffered while an
 * on-time event of the other side could still match it, and dropped by a timer as soon as the
 * watermark reaches that bound ({@code l + upper} for a left event, {@code r - lower} for a right
 * one). An event at or behind the watermark is late and goes to its side's late output.
 */
public final class IntervalJoinOperator<K> implements KeyedTwoInputOperator<K, Object, Object, Object> {
  private final long lower;
  private final long upper;
  private final JoinSpec spec;
  private KeyedState<K, SideBuffers> buffers;
  private TimerService<K> timers;
  private KeyedOperatorContext<K> context;
  private Output<Object> lateLeft;
  private Output<Object> lateRight;

  public IntervalJoinOperator(long lower, long upper, JoinSpec spec) {
    if (lower > upper) {
      throw new IllegalArgumentException(
          "interval join bounds: lower " + lower + " ms is above upper " + upper + " ms");
    }
    this.lower = lower;
    this.upper = upper;
    this.spec = spec;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.buffers =
        context.state(ValueStateDescriptor.of("join-interval-buffers", spec.buffersCodec()));
    this.timers = context.timers();
    this.lateLeft = context.sideOutput(spec.lateLeft());
    this.lateRight = context.sideOutput(spec.lateRight());
  }

  @Override
  public void onEvent1(K key, Object left, long l, Output<Object> output) throws Exception {
    long watermark = context.currentWatermark();
    if (l <= watermark) {
      lateLeft.emit(left, l);
      return;
    }
    SideBuffers b = buffers.get(key);
    if (b != null) {
      long from = plus(l, lower);
      long to = plus(l, upper);
      var fn = spec.function();
      for (int j = 0; j < b.rightCount(); j++) {
        long r = b.rightTime(j);
        if (r >= from && r <= to) {
          WindowJoinOperator.emit(fn.join(left, b.right(j)), Math.max(l, r), output);
        }
      }
    }
    long keepUntil = plus(l, upper);
    if (keepUntil > watermark) {
      if (b == null) {
        b = new SideBuffers();
        buffers.put(key, b);
      } else {
        b = buffers.getForUpdate(key);
      }
      b.addLeft(left, l);
      timers.registerEventTimeTimer(key, keepUntil);
    }
  }

  @Override
  public void onEvent2(K key, Object right, long r, Output<Object> output) throws Exception {
    long watermark = context.currentWatermark();
    if (r <= watermark) {
      lateRight.emit(right, r);
      return;
    }
    SideBuffers b = buffers.get(key);
    if (b != null) {
      long from = minus(r, upper);
      long to = minus(r, lower);
      var fn = spec.function();
      for (int i = 0; i < b.leftCount(); i++) {
        long l = b.leftTime(i);
        if (l >= from && l <= to) {
          WindowJoinOperator.emit(fn.join(b.left(i), right), Math.max(l, r), output);
        }
      }
    }
    long keepUntil = minus(r, lower);
    if (keepUntil > watermark) {
      if (b == null) {
        b = new SideBuffers();
        buffers.put(key, b);
      } else {
        b = buffers.getForUpdate(key);
      }
      b.addRight(right, r);
      timers.registerEventTimeTimer(key, keepUntil);
    }
  }

  @Override
  public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<Object> output) {
    SideBuffers b = buffers.getForUpdate(key);
    if (b == null) {
      return;
    }
    // a left event is kept while l + upper > watermark, a right one while r - lower > watermark
    boolean last = time == Long.MAX_VALUE; // the final watermark: nothing can match any more
    int left = b.expireLeft(last ? Long.MAX_VALUE : minus(time, upper));
    int right = b.expireRight(last ? Long.MAX_VALUE : plus(time, lower));
    if (left == 0 && right == 0) {
      buffers.remove(key);
    }
  }

  static long plus(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return s;
  }

  static long minus(long a, long b) {
    long d = a - b;
    if (((a ^ b) & (a ^ d)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return d;
  }
}
