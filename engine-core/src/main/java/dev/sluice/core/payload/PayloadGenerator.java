package dev.sluice.core.payload;

/**
 * Produces encoded payloads for load generation: one call, one payload.
 *
 * <p>A generator is deterministic: two generators created from the same {@link GeneratorSpec}
 * by the same factory produce the same sequence of payloads. It aims at {@link
 * GeneratorSpec#sizeTargetBytes()} per payload; formats with structure (SenML packs, metric
 * families) get as close as whole records allow, and {@link #format()} names the encoding so
 * a decoder can be chosen.
 *
 * <p><b>Threading:</b> not thread-safe; one generator belongs to one emitting thread. Create one
 * per thread from the factory. <b>Allocation:</b> each call returns a fresh array that the
 * caller owns. <b>Failure:</b> generators do not fail on valid specs; factories reject invalid
 * specs with {@link IllegalArgumentException} at creation.
 */
public interface PayloadGenerator {

  /** The wire format of the payloads, for example {@code senml-json} or {@code openmetrics}. */
  String format();

  /** Returns the next payload, encoded in {@link #format()}. */
  byte[] next();
}
