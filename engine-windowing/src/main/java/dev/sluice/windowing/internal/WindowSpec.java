package dev.sluice.windowing.internal;

import dev.sluice.core.operator.OutputTag;
import dev.sluice.windowing.Trigger;
import dev.sluice.windowing.WindowAssigner;

/**
 * The configuration of a time-window stage, validated by the public builders.
 *
 * @param assigner which windows an event belongs to
 * @param trigger early firings ({@code Triggers.onWatermark()} for none)
 * @param allowedLatenessMillis how long a window's state is kept after it fired on time
 * @param discarding true to forget a window's contents after each firing
 * @param lateTag the id of the late side output
 * @param <T> event type
 */
public record WindowSpec<T>(
    WindowAssigner<? super T> assigner,
    Trigger<? super T> trigger,
    long allowedLatenessMillis,
    boolean discarding,
    OutputTag<?> lateTag) {}
