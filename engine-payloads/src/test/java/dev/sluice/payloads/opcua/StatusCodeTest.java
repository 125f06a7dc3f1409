package dev.sluice.payloads.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatusCodeTest {

  @Test
  void knowsCommonSymbolsAndValues() {
    assertThat(StatusCode.ofSymbol("BadNodeIdUnknown").unsigned()).isEqualTo(0x80340000L);
    assertThat(StatusCode.ofSymbol("Bad_Timeout")).isEqualTo(StatusCode.BAD_TIMEOUT);
    assertThat(StatusCode.BAD_TIMEOUT.unsigned()).isEqualTo(0x800A0000L);
    assertThat(StatusCode.UNCERTAIN_LAST_USABLE_VALUE.symbol()).contains("UncertainLastUsableValue");
    assertThat(StatusCode.GOOD_CLAMPED.symbol()).contains("GoodClamped");
    assertThat(StatusCode.GOOD.symbol()).contains("Good");
    assertThat(StatusCode.ofUnsigned(0x80AB0000L).symbol()).contains("BadInvalidArgument");
    assertThat(new StatusCode(0x12345678).symbol()).isEmpty();
    assertThatThrownBy(() -> StatusCode.ofSymbol("BadNonsense"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BadNonsense");
  }

  @Test
  void severityFromTheTopTwoBits() {
    assertThat(StatusCode.GOOD.severity()).isEqualTo(StatusCode.Severity.GOOD);
    assertThat(StatusCode.UNCERTAIN_SENSOR_NOT_ACCURATE.isUncertain()).isTrue();
    assertThat(StatusCode.BAD_SENSOR_FAILURE.isBad()).isTrue();
    assertThat(new StatusCode(0xC0000000).isBad()).isTrue();
    assertThat(StatusCode.BAD_NODE_ID_UNKNOWN.subCode()).isEqualTo(0x034);
  }

  @Test
  void infoAndLimitBits() {
    StatusCode high = StatusCode.UNCERTAIN_SENSOR_NOT_ACCURATE.withLimit(StatusCode.Limit.HIGH);
    assertThat(high.unsigned()).isEqualTo(0x40930600L);
    assertThat(high.infoType()).isEqualTo(1);
    assertThat(high.limit()).isEqualTo(StatusCode.Limit.HIGH);
    assertThat(high.symbol()).contains("UncertainSensorNotAccurate");
    assertThat(high.withoutInfoBits()).isEqualTo(StatusCode.UNCERTAIN_SENSOR_NOT_ACCURATE);
    assertThat(StatusCode.GOOD.withLimit(StatusCode.Limit.CONSTANT).limit())
        .isEqualTo(StatusCode.Limit.CONSTANT);
    assertThat(new StatusCode(0x00000480).overflow()).isTrue();
    assertThat(new StatusCode(0x00000080).overflow()).isFalse();
    assertThat(new StatusCode(0x00008000).structureChanged()).isTrue();
    assertThat(new StatusCode(0x00004000).semanticsChanged()).isTrue();
    assertThat(StatusCode.BAD_TIMEOUT).hasToString("BadTimeout (0x800A0000)");
  }
}
