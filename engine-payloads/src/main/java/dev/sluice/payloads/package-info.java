/** Shared payload types: limits and errors common to every format. */
package dev.sluice.payloads;
