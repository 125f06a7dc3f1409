package dev.sluice.pipeline.frame;

import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.ExpressionException;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-channel expressions: channels computed with the pipeline expression language from the
 * channels of the input frame ({@code timestamp} and {@code sequence} are visible too). A target
 * that is an input channel is transformed in place of it; a new name appends a channel. Every
 * expression sees the input frame, not channels set beside it.
 *
 * <p>Compiled once ({@link #compile}); {@link #apply} is thread-safe and is called per frame.
 * Evaluation goes through a record view of the frame, which boxes each channel value (one
 * {@code Double} per channel per frame): the expression language works on records.
 */
public final class ChannelExpressions {
  private final FrameSchema input;
  private final FrameSchema output;
  private final RecordSchema view;
  private final Expression[] expressions;
  private final int[] targets;
  private final int[] copyFrom;

  private ChannelExpressions(FrameSchema input, FrameSchema output, RecordSchema view,
      Expression[] expressions, int[] targets) {
    this.input = input;
    this.output = output;
    this.view = view;
    this.expressions = expressions;
    this.targets = targets;
    this.copyFrom = new int[output.size()];
    for (int i = 0; i < output.size(); i++) {
      copyFrom[i] = input.index(output.channel(i));
    }
  }

  /**
   * Compiles {@code set} (target channel to expression, in order) against {@code input}.
   *
   * @throws ExpressionException if an expression is bad or not numeric (the message names the
   *     channel)
   */
  public static ChannelExpressions compile(FrameSchema input, Map<String, String> set) {
    if (set.isEmpty()) {
      throw new IllegalArgumentException("no channel expressions given");
    }
    RecordSchema view = input.recordView();
    List<String> out = new ArrayList<>(input.channels());
    Expression[] exprs = new Expression[set.size()];
    int i = 0;
    for (Map.Entry<String, String> e : new LinkedHashMap<>(set).entrySet()) {
      Expression x = Expression.compile(e.getValue(), view);
      if (x.type() != FieldType.DOUBLE && x.type() != FieldType.LONG) {
        throw new ExpressionException("channel '" + e.getKey() + "': the expression \"" + e.getValue()
            + "\" gives a " + x.type().name().toLowerCase() + "; a channel needs a number", 0);
      }
      exprs[i++] = x;
      if (!out.contains(e.getKey())) {
        out.add(e.getKey());
      }
    }
    FrameSchema output = FrameSchema.of(out);
    int[] targets = new int[exprs.length];
    i = 0;
    for (String target : set.keySet()) {
      targets[i++] = output.index(target);
    }
    return new ChannelExpressions(input, output, view, exprs, targets);
  }

  /** The schema of the frames this makes. */
  public FrameSchema outputSchema() {
    return output;
  }

  /** The schema of the frames it takes. */
  public FrameSchema inputSchema() {
    return input;
  }

  /**
   * The frame with the computed channels, taking over the caller's reference to {@code in}:
   * written in place when {@code in} is not shared and its schema does not change; otherwise a
   * frame acquired from {@code pool} (of {@link #outputSchema()}), {@code in} being released.
   *
   * @throws ArithmeticException from an expression; {@code in} is then released
   */
  public Frame apply(Frame in, FramePool pool) {
    double[] results = new double[expressions.length];
    try {
      Record r = view(in);
      for (int i = 0; i < expressions.length; i++) {
        results[i] = expressions[i].evaluateDouble(r);
      }
    } catch (RuntimeException e) {
      in.release();
      throw e;
    }
    if (output.equals(input) && in.refCount() == 1) {
      for (int i = 0; i < targets.length; i++) {
        in.set(targets[i], results[i]);
      }
      return in;
    }
    Frame out = pool.acquire(in.timestamp(), in.sequence());
    for (int c = 0; c < copyFrom.length; c++) {
      if (copyFrom[c] >= 0) {
        out.set(c, in.get(copyFrom[c]));
      }
    }
    in.release();
    for (int i = 0; i < targets.length; i++) {
      out.set(targets[i], results[i]);
    }
    return out;
  }

  /** A record {@code {timestamp, sequence, channels...}} holding the frame's current values. */
  public Record view(Frame f) {
    Object[] v = new Object[view.size()];
    v[0] = f.timestamp();
    v[1] = f.sequence();
    for (int c = 0; c < input.size(); c++) {
      v[c + 2] = f.get(c);
    }
    return new Record(view, v);
  }
}
