package dev.sluice.payloads.opcua.internal;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.payloads.opcua.OpcUaJsonEncoding;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code opcua} payload generator: industrial tags ({@code ns=2;s=Line1/Press1/Temperature})
 * as OPC UA JSON DataValues. Stateless and thread-safe; see {@link OpcUaGenerator} for the output.
 *
 * <p>Options: {@code tags} (default 64, 1..100000), {@code layout} ({@code object} keyed by NodeId
 * string, the default, or {@code array}), {@code encoding} ({@code compact}, the default, or
 * {@code verbose}), {@code startMillis} (first timestamp, default 2024-05-01T12:00:00Z) and {@code
 * intervalMillis} (time between payloads, default 1000).
 */
public final class OpcUaGeneratorFactory implements PayloadGeneratorFactory {

  static final Set<String> OPTIONS =
      Set.of("tags", "layout", "encoding", "startMillis", "intervalMillis");

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public OpcUaGeneratorFactory() {}

  @Override
  public String name() {
    return "opcua";
  }

  @Override
  public String description() {
    return "OPC UA JSON DataValues of industrial tags (temperatures, pressures, counters, states)"
        + " with mostly Good statuses and advancing timestamps";
  }

  @Override
  public PayloadGenerator create(GeneratorSpec spec) {
    for (String key : spec.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "opcua generator: unknown option '" + key + "'; known: " + OPTIONS);
      }
    }
    int tags = (int) longOption(spec, "tags", 64, 1, 100_000);
    String layout = spec.option("layout", "object").toLowerCase(Locale.ROOT);
    if (!layout.equals("object") && !layout.equals("array")) {
      throw new IllegalArgumentException(
          "opcua generator: option 'layout' must be 'object' or 'array', was '" + layout + "'");
    }
    String encoding = spec.option("encoding", "compact").toLowerCase(Locale.ROOT);
    OpcUaJsonEncoding enc;
    if (encoding.equals("compact")) {
      enc = OpcUaJsonEncoding.COMPACT;
    } else if (encoding.equals("verbose")) {
      enc = OpcUaJsonEncoding.VERBOSE;
    } else {
      throw new IllegalArgumentException(
          "opcua generator: option 'encoding' must be 'compact' or 'verbose', was '"
              + encoding
              + "'");
    }
    long start = longOption(spec, "startMillis", 1_714_564_800_000L, 0, 253_402_300_799_000L);
    long interval = longOption(spec, "intervalMillis", 1000, 1, 86_400_000L);
    return new OpcUaGenerator(
        spec.seed(), spec.sizeTargetBytes(), tags, layout.equals("array"), enc, start, interval);
  }

  private static long longOption(GeneratorSpec spec, String name, long def, long min, long max) {
    String raw = spec.option(name, null);
    if (raw == null) {
      return def;
    }
    long v;
    try {
      v = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "opcua generator: option '" + name + "' must be an integer, was '" + raw + "'", e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "opcua generator: option '" + name + "' must be " + min + ".." + max + ", was " + v);
    }
    return v;
  }
}
