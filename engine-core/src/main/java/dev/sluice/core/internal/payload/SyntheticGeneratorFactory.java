package dev.sluice.core.internal.payload;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Core's built-in generator: flat JSON objects {@code {"seq":..,"device":..,"value":..,"pad":..}}
 * padded to the size target, so core can run scenarios without the payloads module. Option
 * {@code devices} (default 100) sets how many distinct device names appear.
 */
public final class SyntheticGeneratorFactory implements PayloadGeneratorFactory {

  private static final Set<String> OPTIONS = Set.of("devices");

  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public String description() {
    return "flat JSON objects with a sequence number, a device name and a random-walk value";
  }

  @Override
  public PayloadGenerator create(GeneratorSpec spec) {
    for (String key : spec.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "synthetic generator: unknown option '" + key + "'; known: " + OPTIONS);
      }
    }
    int devices;
    try {
      devices = Integer.parseInt(spec.option("devices", "100"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "synthetic generator: option 'devices' must be an integer, was '"
              + spec.option("devices", "")
              + "'",
          e);
    }
    if (devices < 1) {
      throw new IllegalArgumentException("synthetic generator: option 'devices' must be >= 1");
    }
    return new Generator(spec.seed(), spec.sizeTargetBytes(), devices);
  }

  private static final class Generator implements PayloadGenerator {
    private final SplittableRandom random;
    private final int sizeTarget;
    private final double[] values;
    private long seq;
    private final StringBuilder sb = new StringBuilder(256);

    Generator(long seed, int sizeTarget, int devices) {
      this.random = new SplittableRandom(seed);
      this.sizeTarget = sizeTarget;
      this.values = new double[devices];
      for (int i = 0; i < devices; i++) {
        values[i] = 20 + random.nextDouble() * 10;
      }
    }

    @Override
    public String format() {
      return "json";
    }

    @Override
    public byte[] next() {
      int device = random.nextInt(values.length);
      values[device] += random.nextDouble(-0.5, 0.5);
      sb.setLength(0);
      sb.append("{\"seq\":")
          .append(seq++)
          .append(",\"device\":\"dev-")
          .append(device)
          .append("\",\"value\":")
          .append(Math.round(values[device] * 1000) / 1000.0);
      int closing = ",\"pad\":\"\"}".length();
      int pad = sizeTarget - sb.length() - closing;
      if (pad > 0) {
        sb.append(",\"pad\":\"");
        for (int i = 0; i < pad; i++) {
          sb.append('x');
        }
        sb.append('"');
      }
      sb.append('}');
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
