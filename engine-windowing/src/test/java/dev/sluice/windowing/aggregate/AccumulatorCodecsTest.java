package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the accumulator codecs write and how they fail on bytes they did not write. (Round trips of
 * every accumulator, mid-stream and after combines, are part of {@link AggregationLaws}.)
 */
class AccumulatorCodecsTest {

  static <A> A decode(StateCodec<A> codec, byte[] bytes) throws IOException {
    return codec.decode(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  static byte[] bytes(IoWriter writer) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    writer.write(out);
    out.flush();
    return b.toByteArray();
  }

  interface IoWriter {
    void write(DataOutputStream out) throws IOException;
  }

  @Test
  void formatIdsNameTheLayoutAndItsParts() {
    assertThat(Aggregations.summingLong((Long x) -> x).accumulatorCodec().formatId())
        .isEqualTo("sluice.aggregate.long-sum/1");
    assertThat(Aggregations.variance((Double x) -> x).accumulatorCodec().formatId())
        .isEqualTo("sluice.aggregate.variance/1");
    assertThat(Aggregations.percentile((Double x) -> x, 50).accumulatorCodec().formatId())
        .isEqualTo("sluice.aggregate.percentiles/1");
    assertThat(
            Aggregations.topN(3, Comparator.<String>naturalOrder(), StateCodecs.strings())
                .accumulatorCodec()
                .formatId())
        .isEqualTo("sluice.aggregate.top-n/1<string>");
    AggregateOperation<String, AllOfAccumulator, List<Object>> all =
        Aggregations.allOf(
            List.of(
                Aggregations.<String>counting(),
                Aggregations.groupingBy((String s) -> s, Aggregations.<String>counting(), StateCodecs.strings())));
    assertThat(all.accumulatorCodec().formatId())
        .startsWith("sluice.aggregate.all-of/1<")
        .contains("sluice.aggregate.grouping/1<string,");
  }

  @Test
  void exactPercentileValuesAreWrittenAsRawBits() throws IOException {
    var op = Aggregations.percentilesWithExactLimit((Double x) -> x, 4, 50);
    PercentileAccumulator acc = op.create();
    op.accumulate(acc, -0.0);
    op.accumulate(acc, 2.5);
    byte[] written = AggregationLaws.encode(op.accumulatorCodec(), acc);
    // limit, count, min, max, min and max magnitude, exact flag, then each value
    assertThat(written).hasSize(4 + 8 + 8 * 4 + 1 + 8 * 2);
    PercentileAccumulator back = decode(op.accumulatorCodec(), written);
    assertThat(back.exactLimit()).isEqualTo(4);
    assertThat(back.isExact()).isTrue();
    assertThat(Double.doubleToRawLongBits(back.min())).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void corruptBytesFailWithAnIoException() throws IOException {
    StateCodec<PercentileAccumulator> percentiles = PercentileAccumulator.codec();
    assertThatThrownBy(() -> decode(percentiles, bytes(out -> out.writeInt(-5))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exact limit -5");
    byte[] tooMany =
        bytes(
            out -> {
              out.writeInt(2);
              out.writeLong(3);
              for (int i = 0; i < 4; i++) {
                out.writeLong(0);
              }
              out.writeBoolean(true);
            });
    assertThatThrownBy(() -> decode(percentiles, tooMany))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("3 exact values, limit 2");
    byte[] badHistogram =
        bytes(
            out -> {
              out.writeInt(0);
              out.writeLong(3);
              for (int i = 0; i < 4; i++) {
                out.writeLong(0);
              }
              out.writeBoolean(false);
              out.writeLong(0);
              out.writeInt(4);
              out.writeInt(0xdeadbeef);
            });
    assertThatThrownBy(() -> decode(percentiles, badHistogram))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad histogram encoding");

    StateCodec<TopNAccumulator<String>> top =
        TopNAccumulator.codec(2, Comparator.naturalOrder(), StateCodecs.strings());
    assertThatThrownBy(() -> decode(top, bytes(out -> {
              out.writeLong(5);
              out.writeInt(3);
            })))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("3 items");

    byte[] variance = AggregationLaws.encode(VarianceAccumulator.codec(), new VarianceAccumulator());
    assertThatThrownBy(() -> decode(VarianceAccumulator.codec(), Arrays.copyOf(variance, 20)))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> decode(LongDistinctAccumulator.codec(), bytes(out -> out.writeInt(-1))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                decode(
                    GroupingAccumulator.codec(StateCodecs.strings(), StateCodecs.longs()),
                    bytes(out -> out.writeInt(-2))))
        .isInstanceOf(IOException.class);
  }
}
