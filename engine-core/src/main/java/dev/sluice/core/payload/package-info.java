/**
 * The payload generator SPI: factories found through {@link java.util.ServiceLoader} that make
 * deterministic, size-targeted payloads for load generation. Core ships {@code synthetic}; the
 * payloads module adds {@code senml}, {@code opcua} and {@code prometheus}.
 */
package dev.sluice.core.payload;
