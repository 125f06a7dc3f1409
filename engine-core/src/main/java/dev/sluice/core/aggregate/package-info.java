/**
 * Aggregate operations (create / accumulate / combine / deduct / export) shared by rolling
 * aggregates in core and by windows in the windowing module.
 */
package dev.sluice.core.aggregate;
