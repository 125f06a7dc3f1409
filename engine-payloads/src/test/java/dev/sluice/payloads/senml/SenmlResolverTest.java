package dev.sluice.payloads.senml;

import static dev.sluice.payloads.senml.SenmlValidationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenmlResolverTest {

  private final SenmlCodec json = SenmlCodec.json();

  @Test
  void appliesBaseValueSumAndUnitAndKeepsThemForLaterRecords() {
    SenmlPack pack =
        json.decode(
            bytes(
                "[{'bn':'m:','bt':1.6e9,'bu':'W','bv':100,'bs':10,'n':'p','v':5,'s':1},"
                    + "{'n':'q','u':'A','v':-1,'t':2},"
                    + "{'bn':'k/','n':'r','vs':'on'}]"));

    List<ResolvedRecord> resolved = SenmlResolver.resolveInPackOrder(pack, 0);

    assertThat(resolved)
        .containsExactly(
            new ResolvedRecord("m:p", "W", 105.0, null, null, null, 11.0, 1.6e9, null, 10, null),
            new ResolvedRecord("m:q", "A", 99.0, null, null, null, 10.0, 1.6e9 + 2, null, 10, null),
            new ResolvedRecord("k/r", "W", null, "on", null, null, 10.0, 1.6e9, null, 10, null));
  }

  @Test
  void timesBelowTwoToThe28AreRelativeToNow() {
    SenmlPack pack =
        json.decode(bytes("[{'n':'a','v':1,'t':-5},{'n':'b','v':1},{'n':'c','v':1,'t':268435456}]"));

    List<ResolvedRecord> resolved = SenmlResolver.resolveInPackOrder(pack, 1_000_000_000);

    assertThat(resolved)
        .extracting(ResolvedRecord::timeSeconds)
        .containsExactly(999_999_995.0, 1_000_000_000.0, 268_435_456.0);
  }

  @Test
  void baseOnlyRecordsYieldNoResolvedRecordAndUnknownBaseFieldsAreDropped() {
    SenmlPack pack =
        json.decode(bytes("[{'bn':'d:','bt':1.6e9},{'n':'a','v':1,'bx':'y','lbl':'kept'}]"));

    List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 0);

    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).extensions()).isEqualTo(Map.of("lbl", "kept"));
    assertThat(resolved.get(0).toRecord())
        .isEqualTo(
            SenmlRecord.builder().name("d:a").value(1.0).time(1.6e9).extension("lbl", "kept").build());
  }

  @Test
  void versionOtherThanTenIsCarriedIntoEveryResolvedRecord() {
    SenmlPack pack = json.decode(bytes("[{'bver':5,'n':'a','v':1},{'n':'b','vb':true}]"));

    List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 1.6e9);

    assertThat(resolved).extracting(ResolvedRecord::version).containsExactly(5, 5);
    assertThat(resolved.get(1).toRecord().baseVersion()).isEqualTo(5);
  }

  @Test
  void resolveSortsChronologicallyAndStably() {
    SenmlPack pack =
        json.decode(bytes("[{'bt':1.6e9,'n':'x','v':1,'t':3},{'n':'y','v':1,'t':1},{'n':'z','v':1,'t':3}]"));

    assertThat(SenmlResolver.resolve(pack, 0))
        .extracting(ResolvedRecord::name)
        .containsExactly("y", "x", "z");
  }
}
