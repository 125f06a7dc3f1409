package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in replayable sources: read part, snapshot every reader, restore at another
 * parallelism, read the rest: every element exactly once.
 */
class BuiltInSourceReplayTest {

  /** Reads up to {@code max} events (or to the end) from {@code r} into {@code into}. */
  private static <T> void read(SourceReader<T> r, int max, List<T> into) throws Exception {
    SourceOutput<T> out =
        new SourceOutput<>() {
          @Override
          public void emit(T event) {
            into.add(event);
          }

          @Override
          public void emit(T event, long timestamp) {
            into.add(event);
          }
        };
    int left = max;
    while (left > 0) {
      int n = r.read(out, Math.min(left, 7));
      if (n == SourceReader.END) {
        return;
      }
      left -= n;
    }
  }

  /** Reads part at {@code before}, restores at {@code after}, reads the rest; all events. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> replay(Source<T> source, int before, int after, int firstPart)
      throws Exception {
    CheckpointedSource<T> cs = (CheckpointedSource<T>) source;
    List<T> seen = new ArrayList<>();
    List<byte[]> states = new ArrayList<>();
    for (int i = 0; i < before; i++) {
      SourceReader<T> r = cs.createReader(i, before);
      read(r, firstPart, seen);
      states.add(((CheckpointedReader) r).snapshotState(1));
      r.close();
    }
    for (int i = 0; i < after; i++) {
      SourceReader<T> r = cs.restoreReader(i, after, states);
      read(r, Integer.MAX_VALUE, seen);
      r.close();
    }
    return seen;
  }

  @Test
  void aListAndASequenceRescaleWithEveryElementOnce() throws Exception {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    for (int before : new int[] {1, 2, 3}) {
      for (int after : new int[] {1, 2, 4}) {
        List<Integer> got = replay(Sources.fromList("l", items), before, after, 55);
        got.sort(null);
        assertThat(got).as(before + " -> " + after).isEqualTo(items);
        List<Long> seq = replay(Sources.sequence("s", 1000, i -> i), before, after, 123);
        seq.sort(null);
        assertThat(seq).hasSize(1000).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void anIterableSkipsWhatItHadEmitted() throws Exception {
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    assertThat(replay(Sources.fromIterable("i", items), 1, 1, 37)).isEqualTo(items);
  }

  @Test
  void aFileResumesAfterTheLinesItHadRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lines.txt");
    List<String> lines = IntStream.range(0, 500).mapToObj(i -> "line " + i).toList();
    Files.write(file, lines);
    assertThat(replay(Sources.fileLines("f", file), 1, 1, 201)).isEqualTo(lines);
    // a file that lost lines since the checkpoint is refused, not silently read from elsewhere
    CheckpointedSource<String> cs = (CheckpointedSource<String>) Sources.fileLines("f", file);
    SourceReader<String> r = cs.createReader(0, 1);
    read(r, 400, new ArrayList<>());
    byte[] state = ((CheckpointedReader) r).snapshotState(1);
    r.close();
    Files.write(file, lines.subList(0, 100));
    assertThatThrownBy(() -> cs.restoreReader(0, 1, List.of(state)))
        .hasMessageContaining("fewer than the 400");
  }
}
