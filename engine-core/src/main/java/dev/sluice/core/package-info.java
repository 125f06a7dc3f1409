/**
 * The Sluice API: build a {@link dev.sluice.core.Pipeline}, submit it to an {@link
 * dev.sluice.core.Engine}, and follow the resulting {@link dev.sluice.core.Job}.
 */
package dev.sluice.core;
