package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.core.payload.PayloadGenerators;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SenmlGeneratorTest {

  private final PayloadGeneratorFactory factory = PayloadGenerators.require("senml");

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void outputPassesTheValidatorAndAimsAtTheSizeTarget(String format) {
    PayloadGenerator generator =
        factory.create(
            new GeneratorSpec(42, 2048, Map.of("devices", "7", "sensorsPerDevice", "12", "format", format)));
    SenmlCodec codec = format.equals("json") ? SenmlCodec.json() : SenmlCodec.cbor();
    assertThat(generator.format()).isEqualTo(codec.format());

    Set<String> names = new HashSet<>();
    Set<String> units = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      byte[] payload = generator.next();
      SenmlPack pack = codec.decode(payload); // validates
      assertThat(payload.length).isLessThanOrEqualTo(2048).isGreaterThan(2048 * 8 / 10);
      assertThat(pack.records().get(0).baseName()).startsWith("urn:dev:mac:");
      assertThat(pack.records().get(0).baseTime()).isGreaterThanOrEqualTo(1.7e9);
      for (ResolvedRecord r : SenmlResolver.resolveInPackOrder(pack, 0)) {
        names.add(r.name());
        units.add(r.unit());
        assertThat(r.timeSeconds()).isGreaterThanOrEqualTo(1.7e9);
      }
    }
    assertThat(names).hasSize(7 * 12);
    assertThat(units).contains("Cel", "%RH", "Pa", "W", "V", "A", "lx", "m/s", "%EL", "Hz");
  }

  @Test
  void valuesStayWithinTheirKindsBoundsAndWalkSlowly() {
    PayloadGenerator generator =
        factory.create(new GeneratorSpec(7, 512, Map.of("devices", "1", "sensorsPerDevice", "1")));
    double previous = Double.NaN;
    for (int i = 0; i < 2000; i++) {
      for (SenmlRecord r : SenmlCodec.json().decode(generator.next()).records()) {
        assertThat(r.unit()).isEqualTo("Cel");
        assertThat(r.value()).isBetween(-20.0, 45.0);
        if (!Double.isNaN(previous)) {
          assertThat(Math.abs(r.value() - previous)).isLessThanOrEqualTo(0.26);
        }
        previous = r.value();
      }
    }
  }

  @Test
  void sameSeedSameOutputDifferentSeedDifferentOutput() {
    GeneratorSpec spec = new GeneratorSpec(99, 700, Map.of("devices", "3"));
    PayloadGenerator a = factory.create(spec);
    PayloadGenerator b = factory.create(spec);
    PayloadGenerator c = factory.create(new GeneratorSpec(100, 700, Map.of("devices", "3")));

    for (int i = 0; i < 20; i++) {
      byte[] next = a.next();
      assertThat(b.next()).isEqualTo(next);
      assertThat(c.next()).isNotEqualTo(next);
    }
  }

  @Test
  void tinyTargetsStillGetOneRecordAndLaterPacksUseRelativeTime() {
    PayloadGenerator generator =
        factory.create(new GeneratorSpec(1, 1, Map.of("devices", "1", "sensorsPerDevice", "1")));
    List<SenmlRecord> first = SenmlCodec.json().decode(generator.next()).records();
    assertThat(first).hasSize(1);

    PayloadGenerator big =
        factory.create(new GeneratorSpec(1, 4000, Map.of("devices", "2", "sensorsPerDevice", "2")));
    List<SenmlRecord> records = SenmlCodec.json().decode(big.next()).records();
    assertThat(records).extracting(SenmlRecord::time).contains(1.0, 2.0);
    assertThat(records.subList(1, records.size())).allSatisfy(r -> assertThat(r.baseTime()).isNull());
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("device", "3"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option 'device'");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("devices", "0"))))
        .hasMessageContaining("option 'devices' must be in 1..1000000, was 0");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("format", "xml"))))
        .hasMessageContaining("option 'format' must be 'json' or 'cbor'");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("startTime", "5"))))
        .hasMessageContaining("option 'startTime'");
  }
}
