package dev.sluice.core.checkpoint;

import static dev.sluice.core.checkpoint.CheckpointFixtures.assertSameContent;
import static dev.sluice.core.checkpoint.CheckpointFixtures.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testsupport.SeededRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged checkpoints are detected, named with the file and the defect, and skipped by
 * loadLatest in favour of the newest valid one.
 */
class CheckpointCorruptionTest {
  private static final String JOB = "orders";

  @TempDir Path root;
  LocalDirectoryCheckpointStore store;
  Path newest;

  @BeforeEach
  void storeThree() throws IOException {
    // without fsync: these tests damage files on purpose, durability is not what they check
    store = LocalDirectoryCheckpointStore.builder(root).fsync(false).build();
    for (int id = 1; id <= 3; id++) {
      store.store(checkpoint(JOB, id, CheckpointKind.CHECKPOINT, 3, 5000));
    }
    newest = store.jobDirectory(JOB).resolve("chk-0000000000000000003");
  }

  /** Loading 3 fails naming {@code file} and {@code defect}; loadLatest falls back to 2. */
  private void assertDetected(Path file, String defect) throws IOException {
    assertThatThrownBy(() -> store.load(JOB, 3))
        .isInstanceOf(CheckpointCorruptException.class)
        .hasMessageStartingWith(file.toString() + ": ")
        .hasMessageContaining(defect);
    List<String> warnings = new ArrayList<>();
    Optional<CompletedCheckpoint> latest = store.loadLatest(JOB, warnings::add);
    assertSameContent(latest.orElseThrow(), checkpoint(JOB, 2, CheckpointKind.CHECKPOINT, 3, 5000));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("skipping checkpoint 3 of job 'orders': " + file)
        .contains(defect);
  }

  private Path part(int index) {
    return newest.resolve(String.format("part-%05d", index));
  }

  private Path manifest() {
    return newest.resolve("MANIFEST");
  }

  private static void flipBit(Path file, long bit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
    Files.write(file, bytes);
  }

  private static void truncate(Path file, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, length));
  }

  @ParameterizedTest(name = "part truncated to {0} bytes")
  @CsvSource({"0", "1", "35", "36", "37", "-1"})
  void truncatedPartIsDetected(int length) throws IOException {
    Path file = part(1);
    int size = (int) Files.size(file);
    int cut = length < 0 ? size + length : length;
    truncate(file, cut);
    assertDetected(file, "truncated: ");
  }

  @Test
  void truncatedManifestIsDetected() throws IOException {
    truncate(manifest(), 10);
    assertDetected(manifest(), "truncated: 10 bytes, shorter than the 20-byte manifest header");
    store.store(checkpoint(JOB, 3, CheckpointKind.CHECKPOINT, 3, 5000));
    truncate(manifest(), (int) Files.size(manifest()) - 3);
    assertDetected(manifest(), "truncated: the header declares");
  }

  @ParameterizedTest(name = "part header bit {0}")
  @CsvSource({
    "0, wrong magic number", // magic
    "33, header checksum mismatch", // version
    "70, header checksum mismatch", // checkpoint id
    "130, header checksum mismatch", // part index
    "170, header checksum mismatch", // payload length
    "230, header checksum mismatch", // payload CRC
    "260, header checksum mismatch" // header CRC itself
  })
  void bitFlipInAPartHeaderIsDetected(long bit, String defect) throws IOException {
    flipBit(part(0), bit);
    assertDetected(part(0), defect);
  }

  @Test
  void bitFlipInEachPayloadPositionIsDetected() throws IOException {
    Path file = part(2);
    long payloadBits = (Files.size(file) - 36) * 8;
    for (long bit : new long[] {36 * 8, 36 * 8 + payloadBits / 2, 36 * 8 + payloadBits - 1}) {
      flipBit(file, bit);
      assertDetected(file, "payload checksum mismatch in part 'stage/2/");
      flipBit(file, bit);
      assertSameContent(store.load(JOB, 3), checkpoint(JOB, 3, CheckpointKind.CHECKPOINT, 3, 5000));
    }
  }

  @ParameterizedTest(name = "manifest bit {0}")
  @CsvSource({
    "5, wrong magic number",
    "40, header checksum mismatch",
    "70, header checksum mismatch", // body length
    "100, header checksum mismatch", // body CRC
    "130, header checksum mismatch", // header CRC
    "170, manifest body checksum mismatch", // job name length
    "250, manifest body checksum mismatch", // job name / id
    "-1, manifest body checksum mismatch" // last bit of the last part's CRC
  })
  void bitFlipInTheManifestIsDetected(long bit, String defect) throws IOException {
    long flip = bit < 0 ? Files.size(manifest()) * 8 - 1 : bit;
    flipBit(manifest(), flip);
    assertDetected(manifest(), defect);
  }

  @Test
  void deletedPartIsDetected() throws IOException {
    Files.delete(part(1));
    assertDetected(part(1), "missing: the manifest lists it for part 'stage/1/");
  }

  @Test
  void halfPublishedCheckpointWithoutManifestIsDetected() throws IOException {
    Files.delete(manifest());
    assertDetected(manifest(), "missing: the checkpoint directory was not completely published");
  }

  @Test
  void garbageAppendedToAPartIsDetected() throws IOException {
    Files.write(part(0), new byte[] {0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    assertDetected(part(0), "3 bytes of trailing garbage after the");
  }

  @Test
  void garbageAppendedToTheManifestIsDetected() throws IOException {
    Files.write(manifest(), new byte[] {9}, java.nio.file.StandardOpenOption.APPEND);
    assertDetected(manifest(), "1 bytes of trailing garbage after the");
  }

  @Test
  void anUnlistedFileIsDetected() throws IOException {
    Path extra = newest.resolve("part-00003");
    Files.write(extra, new byte[] {1, 2, 3});
    assertDetected(extra, "unexpected file in the checkpoint directory");
  }

  @Test
  void aFileThatIsNotACheckpointIsDetectedByItsMagic() throws IOException {
    byte[] zip = new byte[100];
    zip[0] = 'P';
    zip[1] = 'K';
    zip[2] = 3;
    zip[3] = 4;
    Files.write(part(0), zip);
    assertDetected(part(0), "wrong magic number 0x504b0304 (a part starts with 0x534c4350, \"SLCP\")");
  }

  @Test
  void aPartCopiedFromAnotherCheckpointIsDetected() throws IOException {
    Path other = store.jobDirectory(JOB).resolve("chk-0000000000000000002").resolve("part-00000");
    Files.copy(other, part(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertDetected(part(0), "belongs to checkpoint 2 part 0, but the manifest expects checkpoint 3 part 0");
  }

  @Test
  void swappedPartsAreDetected() throws IOException {
    Path tmp = newest.resolve("swap");
    Files.move(part(0), tmp);
    Files.move(part(1), part(0));
    Files.move(tmp, part(1));
    assertDetected(part(0), "belongs to checkpoint 3 part 1, but the manifest expects checkpoint 3 part 0");
  }

  @Test
  void everyCheckpointCorruptGivesNothingAndAWarningEach() throws IOException {
    for (int id = 1; id <= 3; id++) {
      flipBit(store.jobDirectory(JOB).resolve(String.format("chk-%019d", id)).resolve("part-00000"), 300);
    }
    List<String> warnings = new ArrayList<>();
    assertThat(store.loadLatest(JOB, warnings::add)).isEmpty();
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0)).startsWith("skipping checkpoint 3 of job 'orders': ");
    assertThat(warnings.get(2)).startsWith("skipping checkpoint 1 of job 'orders': ");
  }

  /** The kinds of damage the property test applies. */
  private enum Damage {
    FLIP_BITS,
    TRUNCATE,
    APPEND,
    DELETE_FILE,
    ADD_FILE,
    OVERWRITE_RANGE,
    REPLACE_WITH_RANDOM
  }

  @Test
  void everyRandomCorruptionIsDetectedAndNeverLoaded() {
    SeededRuns.run(
        150,
        g -> {
          Path dir = Files.createTempDirectory(root, "try");
          LocalDirectoryCheckpointStore s = LocalDirectoryCheckpointStore.builder(dir).fsync(false).build();
          CompletedCheckpoint older = checkpoint("p", 1, CheckpointKind.CHECKPOINT, g.intBetween(0, 3), 300);
          CompletedCheckpoint damaged =
              checkpoint("p", 2, g.bool() ? CheckpointKind.SAVEPOINT : CheckpointKind.CHECKPOINT, g.intBetween(1, 4), g.intBetween(0, 3000));
          s.store(older);
          s.store(damaged);
          Path cdir;
          try (Stream<Path> dirs = Files.list(s.jobDirectory("p"))) {
            cdir = dirs.filter(p -> p.getFileName().toString().endsWith("2")).findFirst().orElseThrow();
          }
          List<Path> files;
          try (Stream<Path> f = Files.list(cdir)) {
            files = f.sorted().toList();
          }
          Path target = g.pick(files);
          byte[] bytes = Files.readAllBytes(target);
          Damage damage = g.pick(Damage.values());
          switch (damage) {
            case FLIP_BITS -> {
              int flips = g.intBetween(1, 8);
              for (int i = 0; i < flips; i++) {
                int bit = g.intBetween(0, bytes.length * 8 - 1);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
              }
              if (java.util.Arrays.equals(bytes, Files.readAllBytes(target))) {
                bytes[0] ^= 1; // the flips cancelled out; keep it damaged
              }
              Files.write(target, bytes);
            }
            case TRUNCATE -> Files.write(target, java.util.Arrays.copyOf(bytes, g.intBetween(0, bytes.length - 1)));
            case APPEND -> Files.write(target, g.bytes(1, 64), java.nio.file.StandardOpenOption.APPEND);
            case DELETE_FILE -> Files.delete(target);
            case ADD_FILE -> Files.write(cdir.resolve(g.pick("part-00009", "x", "MANIFEST.bak")), g.bytes(0, 64));
            case OVERWRITE_RANGE -> {
              int from = g.intBetween(0, bytes.length - 1);
              int to = Math.min(bytes.length, from + g.intBetween(1, 16));
              byte[] original = bytes.clone();
              for (int i = from; i < to; i++) {
                bytes[i] = g.anyByte();
              }
              if (java.util.Arrays.equals(bytes, original)) {
                bytes[from] ^= (byte) 0x80;
              }
              Files.write(target, bytes);
            }
            case REPLACE_WITH_RANDOM -> Files.write(target, g.bytes(0, bytes.length + 64));
          }
          String where = damage + " of " + target.getFileName();
          assertThatThrownBy(() -> s.load("p", 2))
              .as(where)
              .isInstanceOf(CheckpointCorruptException.class)
              .hasMessageStartingWith(cdir.toString());
          List<String> warnings = new ArrayList<>();
          CompletedCheckpoint latest = s.loadLatest("p", warnings::add).orElseThrow();
          assertSameContent(latest, older);
          assertThat(warnings).as(where).hasSize(1);
        });
  }
}
