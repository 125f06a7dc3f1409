/**
 * Test support that ships with the product: the deterministic operator test harness.
 */
package dev.sluice.core.testing;
