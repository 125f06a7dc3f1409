package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random valid packs survive every codec round trip unchanged. */
class SenmlRoundTripPropertiesTest {

  private final SenmlCodec json = SenmlCodec.json();
  private final SenmlCodec cbor = SenmlCodec.cbor();

  /** The numbers every edge pack carries as values, sums and times. */
  private static final double[] SPECIAL_NUMBERS = {
    0.0, -0.0, 1.5, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.6e9,
    (double) (1L << 60), -(double) (1L << 60)
  };

  @Test
  void jsonAndCborRoundTripsAreLossless() {
    SeededRuns.forAll(
        300,
        edgePacks(),
        SenmlRoundTripPropertiesTest::pack,
        pack -> {
          SenmlPack fromJson = json.decode(json.encode(pack));
          SenmlPack fromCbor = cbor.decode(cbor.encode(pack));
          SenmlPack jsonCborJson = json.decode(json.encode(cbor.decode(cbor.encode(fromJson))));

          assertThat(fromJson).isEqualTo(pack);
          assertThat(fromCbor).isEqualTo(pack);
          assertThat(jsonCborJson).isEqualTo(pack);
          assertThat(json.encode(fromCbor)).isEqualTo(json.encode(pack));
        });
  }

  @Test
  void decodedPacksResolveToOneRecordPerMeasurement() {
    SeededRuns.forAll(
        200,
        edgePacks(),
        SenmlRoundTripPropertiesTest::pack,
        pack -> {
          List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 1.7e9);

          long measurements = pack.records().stream().filter(r -> !r.isBaseOnly()).count();
          assertThat(resolved).hasSize((int) measurements);
          assertThat(resolved).extracting(ResolvedRecord::timeSeconds).isSorted();
        });
  }

  /** A valid pack of 1 to 8 random records. */
  static SenmlPack pack(Generator g) {
    return pack(g.listOf(1, 8, SenmlRoundTripPropertiesTest::record));
  }

  /**
   * Packs that hold, whatever the random tries draw: every kind of value with each special number
   * as value and time, the longest and shortest names, units, strings and data, and sums.
   */
  static List<SenmlPack> edgePacks() {
    List<SenmlPack> packs = new ArrayList<>();
    for (int kind = 0; kind <= 4; kind++) {
      List<SenmlRecord> records = new ArrayList<>();
      for (double x : SPECIAL_NUMBERS) {
        records.add(record("n", null, x, "", kind, null, x, new byte[0]));
      }
      packs.add(pack(records));
    }
    byte[] extremes = new byte[16];
    for (int i = 0; i < extremes.length; i++) {
      extremes[i] = i % 2 == 0 ? Byte.MIN_VALUE : Byte.MAX_VALUE;
    }
    List<SenmlRecord> records = new ArrayList<>();
    for (double x : SPECIAL_NUMBERS) {
      records.add(
          record("n__________:./", "\u0000", x, "\ud7ff".repeat(20), 4, x, null, extremes));
      records.add(record(null, "\ud7ff", x, "\u0000", 3, null, x, extremes));
    }
    packs.add(pack(records.subList(0, 8)));
    packs.add(pack(records.subList(8, 16)));
    packs.add(pack(List.of(record(null, null, 0.0, "", 2, null, null, new byte[0]))));
    return packs;
  }

  private static SenmlPack pack(List<SenmlRecord> records) {
    List<SenmlRecord> out = new ArrayList<>(records);
    out.set(0, out.get(0).toBuilder().baseName("dev0:").build());
    return new SenmlPack(out);
  }

  private static SenmlRecord record(Generator g) {
    return record(
        g.orNull(0.2, x -> "n" + x.stringOf("abcXYZ0129-:./_", 0, 12)),
        g.orNull(0.6, SenmlRoundTripPropertiesTest::text),
        number(g),
        text(g),
        g.intBetween(0, 4),
        g.orNull(0.7, SenmlRoundTripPropertiesTest::number),
        g.orNull(0.5, SenmlRoundTripPropertiesTest::number),
        g.bytes(0, 16));
  }

  private static String text(Generator g) {
    return g.stringInRange('\u0000', '\ud7ff', 0, 20);
  }

  private static double number(Generator g) {
    return g.<Double>oneOf(
        x -> x.decimalBetween(-1e12, 1e12, 2),
        x -> x.decimalBetween(-1e300, 1e300, 2),
        x -> (double) x.longBetween(-(1L << 60), 1L << 60),
        x -> SPECIAL_NUMBERS[x.intBetween(0, SPECIAL_NUMBERS.length - 1)]);
  }

  /** A record with {@code kind} 0 number, 1 string, 2 boolean, 3 data, 4 number and extensions. */
  private static SenmlRecord record(
      String n, String u, double num, String str, int kind, Double sum, Double t, byte[] data) {
    SenmlRecord.Builder b = SenmlRecord.builder().name(n).unit(u).sum(sum).time(t);
    switch (kind) {
      case 0 -> b.value(num);
      case 1 -> b.stringValue(str);
      case 2 -> b.booleanValue(num > 0);
      case 3 -> b.dataValue(data);
      default -> b.value(num).extension("ext-" + kind, str).extension("flag", true)
          .extension("num", num);
    }
    if (sum == null && kind == 4 && t != null) {
      b.baseTime(t).baseUnit(u).baseValue(num).baseVersion(10);
    }
    return b.build();
  }
}
