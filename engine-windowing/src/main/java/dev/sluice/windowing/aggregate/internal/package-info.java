/** Implementations of the aggregate operations of {@code dev.sluice.windowing.aggregate}. */
package dev.sluice.windowing.aggregate.internal;
