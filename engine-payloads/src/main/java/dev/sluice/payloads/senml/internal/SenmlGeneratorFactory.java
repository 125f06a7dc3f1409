package dev.sluice.payloads.senml.internal;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code senml} payload generator: packs of readings from a fleet of devices, each with a
 * few sensors whose units come from the SenML units registry (RFC 8428 §12.1). Options:
 *
 * <ul>
 *   <li>{@code devices} (default 10): devices in the fleet, 1..1,000,000;
 *   <li>{@code sensorsPerDevice} (default 4): sensors per device, 1..1,000;
 *   <li>{@code format} (default {@code json}): {@code json} or {@code cbor};
 *   <li>{@code startTime} (default 1700000000): epoch seconds of the first reading, at least
 *       2<sup>28</sup> so it is an absolute SenML time;
 *   <li>{@code intervalSeconds} (default 1): time between two readings of the same sensor.
 * </ul>
 */
public final class SenmlGeneratorFactory implements PayloadGeneratorFactory {

  private static final Set<String> OPTIONS =
      Set.of("devices", "sensorsPerDevice", "format", "startTime", "intervalSeconds");

  @Override
  public String name() {
    return "senml";
  }

  @Override
  public String description() {
    return "SenML packs (RFC 8428) of random-walk sensor readings from a device fleet, JSON or CBOR";
  }

  @Override
  public PayloadGenerator create(GeneratorSpec spec) {
    for (String key : spec.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "senml generator: unknown option '" + key + "'; known: " + new TreeSet<>(OPTIONS));
      }
    }
    Map<String, String> o = spec.options();
    int devices = (int) longOption(o, "devices", 10, 1, 1_000_000);
    int sensors = (int) longOption(o, "sensorsPerDevice", 4, 1, 1_000);
    long startTime = longOption(o, "startTime", 1_700_000_000L, 1L << 28, 1L << 40);
    long interval = longOption(o, "intervalSeconds", 1, 1, 1_000_000);
    String format = o.getOrDefault("format", "json");
    SenmlDialect dialect;
    if (format.equals("json")) {
      dialect = SenmlDialect.JSON;
    } else if (format.equals("cbor")) {
      dialect = SenmlDialect.CBOR;
    } else {
      throw new IllegalArgumentException(
          "senml generator: option 'format' must be 'json' or 'cbor', was '" + format + "'");
    }
    return new FleetGenerator(
        dialect, spec.seed(), spec.sizeTargetBytes(), devices, sensors, startTime, interval);
  }

  private static long longOption(Map<String, String> o, String name, long def, long min, long max) {
    String text = o.get(name);
    if (text == null) {
      return def;
    }
    long v;
    try {
      v = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "senml generator: option '" + name + "' must be an integer, was '" + text + "'", e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "senml generator: option '" + name + "' must be in " + min + ".." + max + ", was " + v);
    }
    return v;
  }
}
