package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link LimitedSource}: a source ending after a number of events, split over instances. */
class LimitedSourceTest {

  private static List<Long> drain(SourceReader<Long> reader, int maxEvents) throws Exception {
    List<Long> out = new ArrayList<>();
    SourceOutput<Long> output = new SourceOutput<>() {
      @Override
      public void emit(Long event) {
        out.add(event);
      }

      @Override
      public void emit(Long event, long timestamp) {
        out.add(event);
      }
    };
    while (reader.read(output, maxEvents) != SourceReader.END) {
      // read until the end
    }
    reader.close();
    return out;
  }

  @Test
  void endsAfterTheLimitEvenIfTheSourceHasMore() throws Exception {
    Source<Long> all = Sources.fromList("n", LongStream.range(0, 100).boxed().toList());
    assertThat(drain(LimitedSource.of(all, 7).createReader(0, 1), 3))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void endsWithTheSourceWhenItHasFewer() throws Exception {
    Source<Long> few = Sources.fromList("n", List.of(1L, 2L));
    assertThat(drain(LimitedSource.of(few, 10).createReader(0, 1), 64)).containsExactly(1L, 2L);
  }

  @Test
  void zeroMeansNoLimitAndInstancesShareTheLimit() throws Exception {
    Source<Long> all = Sources.fromList("n", LongStream.range(0, 100).boxed().toList());
    assertThat(LimitedSource.of(all, 0)).isSameAs(all);
    Source<Long> limited = LimitedSource.of(all, 7);
    List<Integer> shares = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shares.add(drain(limited.createReader(i, 3), 64).size());
    }
    assertThat(shares).containsExactly(3, 2, 2);
  }
}
