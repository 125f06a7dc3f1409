/**
 * Fault handling: per-stage error policies, dead letters, restart strategies and circuit
 * breaking.
 */
package dev.sluice.core.fault;
