package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid packs survive every codec round trip unchanged. */
class SenmlRoundTripPropertiesTest {

  private final SenmlCodec json = SenmlCodec.json();
  private final SenmlCodec cbor = SenmlCodec.cbor();

  @Property(tries = 300)
  void jsonAndCborRoundTripsAreLossless(@ForAll("packs") SenmlPack pack) {
    SenmlPack fromJson = json.decode(json.encode(pack));
    SenmlPack fromCbor = cbor.decode(cbor.encode(pack));
    SenmlPack jsonCborJson = json.decode(json.encode(cbor.decode(cbor.encode(fromJson))));

    assertThat(fromJson).isEqualTo(pack);
    assertThat(fromCbor).isEqualTo(pack);
    assertThat(jsonCborJson).isEqualTo(pack);
    assertThat(json.encode(fromCbor)).isEqualTo(json.encode(pack));
  }

  @Property(tries = 200)
  void decodedPacksResolveToOneRecordPerMeasurement(@ForAll("packs") SenmlPack pack) {
    List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 1.7e9);

    long measurements = pack.records().stream().filter(r -> !r.isBaseOnly()).count();
    assertThat(resolved).hasSize((int) measurements);
    assertThat(resolved).extracting(ResolvedRecord::timeSeconds).isSorted();
  }

  @Provide
  Arbitrary<SenmlPack> packs() {
    return record().list().ofMinSize(1).ofMaxSize(8).map(this::withValidFirstName).map(SenmlPack::new);
  }

  private List<SenmlRecord> withValidFirstName(List<SenmlRecord> records) {
    List<SenmlRecord> out = new ArrayList<>(records);
    out.set(0, out.get(0).toBuilder().baseName("dev0:").build());
    return out;
  }

  private Arbitrary<SenmlRecord> record() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcXYZ0129-:./_")
            .ofMinLength(0)
            .ofMaxLength(12)
            .map(s -> "n" + s);
    Arbitrary<String> text =
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(20);
    Arbitrary<Double> numbers =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e12, 1e12),
            Arbitraries.doubles().between(-1e300, 1e300),
            Arbitraries.longs().between(-(1L << 60), 1L << 60).map(l -> (double) l),
            Arbitraries.of(0.0, -0.0, 1.5, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, 1.6e9));
    Arbitrary<Integer> valueKind = Arbitraries.integers().between(0, 4);
    return Combinators.combine(
            names.injectNull(0.2),
            text.injectNull(0.6),
            numbers,
            text,
            valueKind,
            numbers.injectNull(0.7),
            numbers.injectNull(0.5),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
        .as(
            (n, u, num, str, kind, sum, t, data) -> {
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
            });
  }
}
