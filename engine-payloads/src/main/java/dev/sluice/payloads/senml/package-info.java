/**
 * SenML (RFC 8428): the pack and record model ({@link dev.sluice.payloads.senml.SenmlPack},
 * {@link dev.sluice.payloads.senml.SenmlRecord}), JSON and CBOR codecs on Jackson's streaming API
 * ({@link dev.sluice.payloads.senml.SenmlCodec}), validation ({@link
 * dev.sluice.payloads.senml.SenmlValidator}) and resolution ({@link
 * dev.sluice.payloads.senml.SenmlResolver}, {@link dev.sluice.payloads.senml.ResolvedRecord}).
 * The {@code senml} payload generator is registered through {@link java.util.ServiceLoader}.
 */
package dev.sluice.payloads.senml;
