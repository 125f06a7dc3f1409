package dev.sluice.payloads.opcua.internal;

import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.NodeId;
import dev.sluice.payloads.opcua.OpcUaJsonEncoding;
import dev.sluice.payloads.opcua.OpcUaJsonWriter;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates OPC UA JSON DataValues for simulated plant tags. Each payload covers the next tags in
 * round-robin order, one sample period later than the previous payload, and holds as many
 * DataValues as fit in the size target (at least one; in the object layout at most one per tag, so
 * member names stay unique). Not thread-safe.
 */
final class OpcUaGenerator implements PayloadGenerator {

  private static final String[] MACHINES = {
    "Press", "Oven", "Pump", "Conveyor", "Robot", "Mixer", "Filler", "Compressor"
  };

  private enum Signal {
    TEMPERATURE("Temperature"),
    PRESSURE("Pressure"),
    SPEED("Speed"),
    PART_COUNT("PartCount"),
    RUNNING("Running"),
    STATE("State"),
    ENERGY("EnergyWh"),
    VIBRATION("Vibration");

    final String name;

    Signal(String name) {
      this.name = name;
    }
  }

  private static final StatusCode[] UNCERTAIN = {
    StatusCode.UNCERTAIN_LAST_USABLE_VALUE,
    StatusCode.UNCERTAIN_SENSOR_NOT_ACCURATE.withLimit(StatusCode.Limit.HIGH),
    StatusCode.UNCERTAIN_SENSOR_NOT_ACCURATE.withLimit(StatusCode.Limit.LOW),
    StatusCode.UNCERTAIN_SUBSTITUTE_VALUE,
  };

  private static final StatusCode[] BAD = {
    StatusCode.BAD_SENSOR_FAILURE,
    StatusCode.BAD_NO_COMMUNICATION,
    StatusCode.BAD_DEVICE_FAILURE,
    StatusCode.BAD_OUT_OF_SERVICE,
  };

  private final SplittableRandom random;
  private final int sizeTarget;
  private final boolean arrayLayout;
  private final OpcUaJsonWriter writer;
  private final long intervalMillis;
  private final String[] keys;
  private final Signal[] signals;
  private final double[] state;
  private long periodStartMillis;
  private int cursor;
  private byte[] pending;

  OpcUaGenerator(
      long seed,
      int sizeTarget,
      int tags,
      boolean arrayLayout,
      OpcUaJsonEncoding encoding,
      long startMillis,
      long intervalMillis) {
    this.random = new SplittableRandom(seed);
    this.sizeTarget = sizeTarget;
    this.arrayLayout = arrayLayout;
    this.writer = OpcUaJsonWriter.of(encoding);
    this.intervalMillis = intervalMillis;
    this.periodStartMillis = startMillis;
    Signal[] all = Signal.values();
    this.keys = new String[tags];
    this.signals = new Signal[tags];
    this.state = new double[tags];
    for (int i = 0; i < tags; i++) {
      Signal s = all[i % all.length];
      int machine = i / all.length;
      String path =
          "Line"
              + (machine / MACHINES.length + 1)
              + "/"
              + MACHINES[machine % MACHINES.length]
              + (machine % 3 + 1)
              + "/"
              + s.name;
      keys[i] = NodeId.string(2, path).toString();
      signals[i] = s;
      state[i] = initialState(s);
    }
  }

  private double initialState(Signal s) {
    return switch (s) {
      case TEMPERATURE -> 40 + random.nextDouble() * 160;
      case PRESSURE -> 2 + random.nextDouble() * 8;
      case SPEED -> 600 + random.nextDouble() * 2000;
      case PART_COUNT -> random.nextInt(100_000);
      case RUNNING -> random.nextDouble() < 0.85 ? 1 : 0;
      case STATE -> 2;
      case ENERGY -> random.nextInt(1_000_000_000);
      case VIBRATION -> 1 + random.nextDouble() * 3;
    };
  }

  @Override
  public String format() {
    return "opcua-json";
  }

  @Override
  public byte[] next() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(sizeTarget + 256, 1 << 20));
    out.write(arrayLayout ? '[' : '{');
    int count = 0;
    int maxCount = arrayLayout ? Integer.MAX_VALUE : keys.length;
    while (count < maxCount) {
      byte[] item = pending != null ? pending : encode(cursor);
      pending = null;
      int extra = (count > 0 ? 1 : 0) + item.length + 1;
      if (count > 0 && out.size() + extra > sizeTarget) {
        pending = item; // the next payload starts with it
        break;
      }
      if (count > 0) {
        out.write(',');
      }
      out.write(item, 0, item.length);
      count++;
      cursor = (cursor + 1) % keys.length;
      if (cursor == 0) {
        periodStartMillis += intervalMillis;
      }
    }
    out.write(arrayLayout ? ']' : '}');
    periodStartMillis += intervalMillis;
    return out.toByteArray();
  }

  private byte[] encode(int tag) {
    DataValue dv = sample(tag, random);
    byte[] value = writer.writeDataValue(dv);
    if (arrayLayout) {
      return value;
    }
    byte[] key = ("\"" + keys[tag] + "\":").getBytes(StandardCharsets.UTF_8);
    byte[] item = new byte[key.length + value.length];
    System.arraycopy(key, 0, item, 0, key.length);
    System.arraycopy(value, 0, item, key.length, value.length);
    return item;
  }

  private DataValue sample(int tag, SplittableRandom r) {
    Signal s = signals[tag];
    double x = state[tag];
    Variant v;
    switch (s) {
      case TEMPERATURE -> {
        x = clamp(x + r.nextDouble(-0.8, 0.8), -20, 260);
        v = Variant.ofDouble(Math.round(x * 100) / 100.0);
      }
      case PRESSURE -> {
        x = clamp(x + r.nextDouble(-0.15, 0.15), 0.5, 16);
        v = Variant.ofFloat((float) (Math.round(x * 1000) / 1000.0));
      }
      case SPEED -> {
        x = clamp(x + r.nextDouble(-25, 25), 0, 3600);
        v = Variant.ofDouble(Math.round(x * 10) / 10.0);
      }
      case PART_COUNT -> {
        x = (x + r.nextInt(4)) % 4_294_967_296.0;
        v = Variant.ofUInt32((long) x);
      }
      case RUNNING -> {
        if (r.nextDouble() < 0.02) {
          x = 1 - x;
        }
        v = Variant.ofBoolean(x > 0.5);
      }
      case STATE -> {
        // 0 Stopped, 1 Starting, 2 Running, 3 Idle, 4 Fault, 5 Maintenance
        if (r.nextDouble() < 0.03) {
          x = r.nextInt(6);
        }
        v = Variant.ofInt32((int) x);
      }
      case ENERGY -> {
        x += r.nextInt(50, 500);
        v = Variant.ofInt64((long) x);
      }
      default -> {
        x = clamp(x + r.nextDouble(-0.2, 0.2), 0.2, 12);
        Float[] samples = new Float[4];
        for (int i = 0; i < samples.length; i++) {
          samples[i] = (float) (Math.round((x + r.nextDouble(-0.3, 0.3)) * 100) / 100.0);
        }
        v = Variant.array(BuiltinType.FLOAT, List.of(samples));
      }
    }
    state[tag] = x;
    StatusCode status = StatusCode.GOOD;
    double q = r.nextDouble();
    if (q < 0.02) {
      status = BAD[r.nextInt(BAD.length)];
      v = Variant.NULL;
    } else if (q < 0.06) {
      status = UNCERTAIN[r.nextInt(UNCERTAIN.length)];
    }
    long sourceMillis = periodStartMillis + r.nextLong(Math.max(1, intervalMillis / 2));
    Instant source = Instant.ofEpochMilli(sourceMillis);
    Instant server = Instant.ofEpochMilli(sourceMillis + 1 + r.nextInt(25));
    return DataValue.of(v, status, source, server);
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : v > hi ? hi : v;
  }
}
