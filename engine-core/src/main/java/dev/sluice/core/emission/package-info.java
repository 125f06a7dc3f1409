/**
 * The emission scheduler: rate profiles, open-loop schedules and the source that emits generated
 * payloads at a target rate, stamped with their intended emission times.
 */
package dev.sluice.core.emission;
