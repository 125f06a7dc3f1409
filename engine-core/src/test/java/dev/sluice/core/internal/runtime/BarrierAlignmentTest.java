package dev.sluice.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.InMemoryCheckpointStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Barrier alignment in the queue input, driven directly: a channel whose barrier arrived is not
 * read until every other channel delivered it or ended; then one barrier passes the chain and the
 * held rest of the batch comes first.
 */
class BarrierAlignmentTest {

  /** Records events (with its label) and barriers. */
  static final class Recorder extends Link {
    final String label;
    final List<String> log;

    Recorder(String label, List<String> log) {
      super(null);
      this.label = label;
      this.log = log;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      log.add(label + ":" + item);
    }

    @Override
    void onBarrier(long checkpointId, CheckpointParts parts) {
      log.add("B" + checkpointId);
    }

    @Override
    void onWatermark(long watermark) {
      log.add("W" + watermark);
    }

    @Override
    void onIdle() {}

    @Override
    void onEnd() {}

    @Override
    void onEndOfBatch() {}

    @Override
    void onIdleCheck(long nowNanos) {}
  }

  private static Channel channel() {
    return new Channel(64, 16, BackpressureStrategy.BLOCK);
  }

  /** Sends one batch: strings are events, "B<n>" a barrier, "END" the end, "W<n>" a watermark. */
  private static void send(Channel ch, String... items) {
    Batch b = new Batch(18);
    for (String it : items) {
      if (it.startsWith("B")) {
        b.add(Control.BARRIER, Long.parseLong(it.substring(1)));
      } else if (it.startsWith("W")) {
        b.add(Control.WATERMARK, Long.parseLong(it.substring(1)));
      } else if (it.equals("END")) {
        b.add(Control.END, 0);
      } else {
        b.add(it, 0);
      }
    }
    ch.data.offer(b);
  }

  private record Setup(QueueInput input, Tasklet tasklet, Link head, List<String> log,
      CheckpointCoordinator coordinator) {
    void run() {
      input.process(head, tasklet, 1000);
    }
  }

  private static Setup setup(Channel a, Channel b) {
    List<String> log = new ArrayList<>();
    Recorder first = new Recorder("a", log);
    Recorder second = new Recorder("b", log);
    QueueInput input =
        new QueueInput(
            new QueueInput.Inbound[] {
              new QueueInput.Inbound(a, 0, true, false), new QueueInput.Inbound(b, 1, true, false)
            });
    input.bind(first, second);
    JobExecution job = new JobExecution(1, "job");
    CheckpointCoordinator cc =
        new CheckpointCoordinator(
            "job", CheckpointConfig.savepointsOnly(new InMemoryCheckpointStore()), null);
    job.setCheckpoints(cc);
    Tasklet t =
        new Tasklet(
            "t", job, input, List.of(first), new TaskletContext(0, 1, EngineClock.SYSTEM), 1000,
            false);
    return new Setup(input, t, first, log, cc);
  }

  @Test
  void aChannelWhoseBarrierArrivedWaitsForTheOtherAndItsHeldEventsComeAfterTheBarrier() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "a1", "B1", "a2");
    send(a, "a3");
    send(b, "b1", "b2");
    send(b, "B1", "b3");
    s.run();
    // b3 follows the barrier in b's batch; then a's held rest and its next batch
    assertThat(s.log()).containsExactly("a:a1", "b:b1", "b:b2", "B1", "b:b3", "a:a2", "a:a3");
  }

  @Test
  void nothingOfAnAlignedChannelIsReadBeforeTheOtherDeliversItsBarrier() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "B1", "a1");
    send(a, "a2");
    s.run();
    assertThat(s.log()).isEmpty();
    send(b, "b1");
    s.run();
    assertThat(s.log()).containsExactly("b:b1");
    send(b, "B1");
    s.run();
    assertThat(s.log()).containsExactly("b:b1", "B1", "a:a1", "a:a2");
  }

  @Test
  void anEndedChannelCountsAsAligned() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "a1", "B1", "a2");
    send(b, "b1", "END");
    s.run();
    assertThat(s.log()).containsExactly("a:a1", "b:b1", "B1", "a:a2");
  }

  @Test
  void aNewerBarrierAbandonsTheAlignmentOfAnOlderOneWithoutReorderingAChannel() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "B1", "a1");
    send(b, "b1", "B2", "b2");
    s.run();
    send(a, "B2", "a2");
    s.run();
    // a's held a1 comes before a's next batch, which brings barrier 2
    assertThat(s.log()).containsExactly("b:b1", "a:a1", "B2", "a:a2", "b:b2");
  }

  @Test
  void anAbortedCheckpointReleasesTheChannelsItHeld() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "B1", "a1");
    s.run();
    assertThat(s.log()).isEmpty();
    s.coordinator().aborted = 1;
    s.run();
    send(b, "B1", "b1");
    s.run();
    assertThat(s.log()).containsExactly("a:a1", "b:b1");
  }

  @Test
  void watermarksAndBarriersKeepTheirOrderWithinAChannel() {
    Channel a = channel();
    Channel b = channel();
    Setup s = setup(a, b);
    send(a, "W5", "B1", "W9", "a1");
    send(b, "W7", "B1");
    s.run();
    assertThat(s.log()).containsExactly("W5", "B1", "W7", "a:a1");
  }
}
