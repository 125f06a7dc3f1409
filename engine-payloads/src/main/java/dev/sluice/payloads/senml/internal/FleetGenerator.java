package dev.sluice.payloads.senml.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.payloads.senml.SenmlPack;
import dev.sluice.payloads.senml.SenmlRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates packs that sweep a device fleet: each device's readings start with a record carrying
 * its base name; the pack's first record carries the base time and later sweeps use relative
 * {@code t}. Values follow a random walk reflected at each sensor kind's bounds. Adds records
 * while the encoded pack stays within the size target (always at least one record).
 */
final class FleetGenerator implements PayloadGenerator {

  /** A kind of sensor: name, registered SenML unit, bounds, random-walk step and decimals. */
  private record Kind(String name, String unit, double min, double max, double step, double scale) {}

  private static final Kind[] KINDS = {
    new Kind("temperature", "Cel", -20, 45, 0.25, 100),
    new Kind("humidity", "%RH", 0, 100, 0.5, 10),
    new Kind("pressure", "Pa", 95_000, 105_000, 15, 1),
    new Kind("power", "W", 0, 3_000, 40, 10),
    new Kind("voltage", "V", 215, 245, 0.5, 10),
    new Kind("current", "A", 0, 16, 0.2, 100),
    new Kind("illuminance", "lx", 0, 20_000, 150, 1),
    new Kind("windSpeed", "m/s", 0, 30, 0.4, 10),
    new Kind("battery", "%EL", 0, 100, 0.05, 100),
    new Kind("frequency", "Hz", 49.8, 50.2, 0.01, 1000),
  };

  private static final int MAX_RECORDS_PER_PACK = 100_000;

  private final SenmlDialect dialect;
  private final JsonFactory factory;
  private final PackWriter writer;
  private final SplittableRandom random;
  private final int sizeTargetBytes;
  private final int sensorsPerDevice;
  private final String[] baseNames;
  private final String[] sensorNames;
  private final double[] values;
  private final long intervalSeconds;
  private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);
  private long clock;
  private int device;
  private int sensor;
  private double pendingValue;
  private boolean hasPendingValue;

  FleetGenerator(
      SenmlDialect dialect,
      long seed,
      int sizeTargetBytes,
      int devices,
      int sensorsPerDevice,
      long startTime,
      long intervalSeconds) {
    this.dialect = dialect;
    this.factory = dialect == SenmlDialect.CBOR ? new CBORFactory() : new JsonFactory();
    this.writer = new PackWriter(dialect);
    this.random = new SplittableRandom(seed);
    this.sizeTargetBytes = sizeTargetBytes;
    this.sensorsPerDevice = sensorsPerDevice;
    this.intervalSeconds = intervalSeconds;
    this.clock = startTime;
    this.baseNames = new String[devices];
    for (int d = 0; d < devices; d++) {
      baseNames[d] = String.format("urn:dev:mac:%012x:", random.nextLong(1L << 48));
    }
    this.sensorNames = new String[sensorsPerDevice];
    for (int s = 0; s < sensorsPerDevice; s++) {
      Kind k = KINDS[s % KINDS.length];
      int copy = s / KINDS.length;
      sensorNames[s] = copy == 0 ? k.name() : k.name() + copy;
    }
    this.values = new double[devices * sensorsPerDevice];
    for (int i = 0; i < values.length; i++) {
      Kind k = KINDS[(i % sensorsPerDevice) % KINDS.length];
      double mid = (k.min() + k.max()) / 2;
      double spread = (k.max() - k.min()) / 4;
      values[i] = mid + random.nextDouble(-spread, spread);
    }
  }

  @Override
  public String format() {
    return dialect.format;
  }

  @Override
  public byte[] next() {
    long baseTime = clock;
    List<SenmlRecord> records = new ArrayList<>();
    int size = dialect == SenmlDialect.CBOR ? 3 : 2;
    while (records.size() < MAX_RECORDS_PER_PACK) {
      boolean first = records.isEmpty();
      SenmlRecord r = reading(first, baseTime);
      int recordSize = encodedSize(r) + (first || dialect == SenmlDialect.CBOR ? 0 : 1);
      if (!first && size + recordSize > sizeTargetBytes) {
        break;
      }
      records.add(r);
      size += recordSize;
      advance();
    }
    return encode(new SenmlPack(records));
  }

  /** The reading of the current (device, sensor), stepping its random walk. */
  private SenmlRecord reading(boolean firstInPack, long baseTime) {
    Kind k = KINDS[sensor % KINDS.length];
    if (!hasPendingValue) {
      // Step the walk once per reading; a reading that did not fit in the previous pack keeps
      // its value and is the first record of the next one.
      int slot = device * sensorsPerDevice + sensor;
      double v = values[slot] + random.nextDouble(-k.step(), k.step());
      if (v < k.min()) {
        v = 2 * k.min() - v;
      } else if (v > k.max()) {
        v = 2 * k.max() - v;
      }
      values[slot] = v;
      pendingValue = v;
      hasPendingValue = true;
    }
    double v = pendingValue;
    SenmlRecord.Builder b =
        SenmlRecord.builder()
            .name(sensorNames[sensor])
            .unit(k.unit())
            .value(Math.round(v * k.scale()) / k.scale());
    if (firstInPack || sensor == 0) {
      b.baseName(baseNames[device]);
    }
    if (firstInPack) {
      b.baseTime((double) baseTime);
    } else if (clock != baseTime) {
      b.time((double) (clock - baseTime));
    }
    return b.build();
  }

  private void advance() {
    hasPendingValue = false;
    if (++sensor == sensorsPerDevice) {
      sensor = 0;
      if (++device == baseNames.length) {
        device = 0;
        clock += intervalSeconds;
      }
    }
  }

  private int encodedSize(SenmlRecord r) {
    scratch.reset();
    try (JsonGenerator g = factory.createGenerator(scratch)) {
      writer.writeRecord(g, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scratch.size();
  }

  private byte[] encode(SenmlPack pack) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, sizeTargetBytes + 64));
    try (JsonGenerator g = factory.createGenerator(out)) {
      writer.writePack(g, pack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
