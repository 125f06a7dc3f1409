package dev.sluice.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Checkpoints whose content follows from their id and a seed, so a reader can check it. */
final class CheckpointFixtures {
  private CheckpointFixtures() {}

  static CompletedCheckpoint checkpoint(String job, long id, CheckpointKind kind, int parts, int maxPartBytes) {
    SplittableRandom random = new SplittableRandom(id * 31 + job.hashCode());
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (int i = 0; i < parts; i++) {
      byte[] bytes = new byte[random.nextInt(maxPartBytes + 1)];
      for (int j = 0; j < bytes.length; j += 8) {
        long r = random.nextLong();
        for (int k = j; k < Math.min(bytes.length, j + 8); k++) {
          bytes[k] = (byte) r;
          r >>>= 8;
        }
      }
      map.put("stage/" + i + "/instance/" + random.nextInt(4) + "/keyed", bytes);
    }
    return new CompletedCheckpoint(job, id, 1_700_000_000_000L + id, kind, map);
  }

  static CompletedCheckpoint checkpoint(String job, long id) {
    return checkpoint(job, id, CheckpointKind.CHECKPOINT, 3, 2000);
  }

  /** Fails unless {@code actual} has the same fields and part bytes as {@code expected}. */
  static void assertSameContent(CompletedCheckpoint actual, CompletedCheckpoint expected) {
    org.assertj.core.api.Assertions.assertThat(actual.jobName()).isEqualTo(expected.jobName());
    org.assertj.core.api.Assertions.assertThat(actual.id()).isEqualTo(expected.id());
    org.assertj.core.api.Assertions.assertThat(actual.kind()).isEqualTo(expected.kind());
    org.assertj.core.api.Assertions.assertThat(actual.timestampMillis())
        .isEqualTo(expected.timestampMillis());
    org.assertj.core.api.Assertions.assertThat(actual.parts().keySet())
        .containsExactlyElementsOf(expected.parts().keySet());
    for (Map.Entry<String, byte[]> e : expected.parts().entrySet()) {
      org.assertj.core.api.Assertions.assertThat(actual.parts().get(e.getKey()))
          .as("part %s", e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
