package dev.sluice.core;

/**
 * Event counts of one input of a stage with several inputs (a two-input or broadcast operator),
 * summed over the stage's parallel instances. Over a stage's inputs, {@code in} sums to the
 * stage's {@code in} and {@code dropped} to the drops at its input edges.
 *
 * @param input the input: 0 for the first, 1 for the second or broadcast input
 * @param in events that arrived at this input, including those its edge dropped
 * @param dropped events this input's edge dropped under a dropping backpressure strategy
 */
public record InputCounts(int input, long in, long dropped) {}
