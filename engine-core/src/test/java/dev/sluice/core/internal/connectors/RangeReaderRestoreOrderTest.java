package dev.sluice.core.internal.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A reader restored from several old readers reads the ranges it takes in index order, whatever
 * the chain of parallelisms that produced them (found by the crash test: after restores at 4, 2,
 * then 1, the single reader read quarters 0, 2, 1, 3, and events of quarter 1 came after the
 * watermark of quarter 2 and were late).
 */
class RangeReaderRestoreOrderTest {
  @Test
  void restoredRangesAreReadInIndexOrderAfterRescalesFrom4To2To1() throws Exception {
    long n = 400;
    List<byte[]> at4 = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RangeReader<Long> r = RangeReader.slice(i2 -> i2, n, i, 4);
      drain(r, 10); // each of the 4 readers emitted the first 10 of its quarter
      at4.add(r.snapshotState(1));
    }
    List<byte[]> at2 = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RangeReader<Long> r = RangeReader.restore(i2 -> i2, i, 2, at4);
      drain(r, 5);
      at2.add(r.snapshotState(2));
    }
    RangeReader<Long> single = RangeReader.restore(i2 -> i2, 0, 1, at2);
    List<Long> rest = drain(single, Integer.MAX_VALUE);

    List<Long> expected = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      long from = q * 100 + 10 + (q < 2 ? 5 : 0); // readers 0 and 1 at 2 read on from quarters 0, 1
      LongStream.range(from, (q + 1) * 100).forEach(expected::add);
    }
    assertThat(rest).isEqualTo(expected);
  }

  private static List<Long> drain(SourceReader<Long> reader, int max) throws Exception {
    List<Long> out = new ArrayList<>();
    SourceOutput<Long> sink =
        new SourceOutput<>() {
          @Override
          public void emit(Long event) {
            out.add(event);
          }

          @Override
          public void emit(Long event, long timestamp) {
            out.add(event);
          }
        };
    while (out.size() < max) {
      int n = reader.read(sink, Math.min(7, max - out.size()));
      if (n == SourceReader.END) {
        break;
      }
    }
    return out;
  }
}
