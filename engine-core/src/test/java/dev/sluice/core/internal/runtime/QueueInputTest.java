package dev.sluice.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue input's per-input handling, driven directly: read-first order and participation. */
class QueueInputTest {

  /** Records what reaches it, tagged with the entry's label. */
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
    void onWatermark(long watermark) {
      log.add("W" + watermark);
    }

    @Override
    void onIdle() {
      log.add("IDLE");
    }

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

  private static void send(Channel ch, Object... items) {
    Batch b = new Batch(16);
    for (Object it : items) {
      if (it instanceof long[] wm) {
        b.add(Control.WATERMARK, wm[0]);
      } else {
        b.add(it, 0);
      }
    }
    ch.data.offer(b);
  }

  private static long[] wm(long w) {
    return new long[] {w};
  }

  private record Setup(QueueInput input, Tasklet tasklet, Link head, List<String> log) {
    int run() {
      return input.process(head, tasklet, 1000);
    }
  }

  private static Setup setup(QueueInput.Inbound... inbound) {
    List<String> log = new ArrayList<>();
    Recorder head = new Recorder("first", log);
    Recorder second = new Recorder("second", log);
    QueueInput input = new QueueInput(inbound);
    input.bind(head, second);
    Tasklet t =
        new Tasklet(
            "t",
            new JobExecution(1, "job"),
            input,
            List.of(head),
            new TaskletContext(0, 1, EngineClock.SYSTEM),
            1000,
            false);
    return new Setup(input, t, head, log);
  }

  @Test
  void aReadFirstChannelIsDrainedBeforeTheNextDataBatch() {
    Channel data = channel();
    Channel rules = channel();
    Setup s =
        setup(
            new QueueInput.Inbound(data, 0, true, false),
            new QueueInput.Inbound(rules, 1, false, true));
    send(data, "d1", "d2");
    send(data, "d3");
    send(rules, "r1");
    send(rules, "r2");
    s.run();
    assertThat(s.log()).containsExactly("second:r1", "second:r2", "first:d1", "first:d2", "first:d3");
  }

  @Test
  void withoutReadFirstChannelsAreTakenRoundRobin() {
    Channel a = channel();
    Channel b = channel();
    Setup s =
        setup(new QueueInput.Inbound(a, 0, true, false), new QueueInput.Inbound(b, 1, true, false));
    send(a, "a1");
    send(a, "a2");
    send(b, "b1");
    s.run();
    assertThat(s.log()).containsExactly("first:a1", "second:b1", "first:a2");
  }

  @Test
  void aChannelThatDoesNotHoldEventTimeIsLeftOutOfTheMinimum() {
    Channel data = channel();
    Channel rules = channel();
    Setup s =
        setup(
            new QueueInput.Inbound(data, 0, true, false),
            new QueueInput.Inbound(rules, 1, false, true));
    send(rules, "r1", wm(5_000));
    send(data, wm(100));
    s.run();
    send(rules, wm(6_000));
    send(data, wm(200));
    s.run();
    assertThat(s.log()).containsExactly("second:r1", "W100", "W200");
  }

  @Test
  void twoDataInputsTakeTheMinimum() {
    Channel a = channel();
    Channel b = channel();
    Setup s =
        setup(new QueueInput.Inbound(a, 0, true, false), new QueueInput.Inbound(b, 1, true, false));
    send(a, wm(300));
    s.run();
    send(b, wm(100));
    s.run();
    send(b, wm(500));
    s.run();
    assertThat(s.log()).containsExactly("W100", "W300");
  }

  @Test
  void theFinalWatermarkComesWhenTheDataInputsEndAndTheInputEndsWithTheLast() {
    Channel data = channel();
    Channel rules = channel();
    Setup s =
        setup(
            new QueueInput.Inbound(data, 0, true, false),
            new QueueInput.Inbound(rules, 1, false, true));
    Batch end = new Batch(16);
    end.add(Control.END, 0);
    data.data.offer(end);
    s.run();
    assertThat(s.log()).containsExactly("W" + Long.MAX_VALUE);
    send(rules, "r1");
    assertThat(s.run()).isEqualTo(1);
    Batch end2 = new Batch(16);
    end2.add(Control.END, 0);
    rules.data.offer(end2);
    s.run();
    assertThat(s.run()).isEqualTo(Input.ENDED);
    assertThat(s.log()).containsExactly("W" + Long.MAX_VALUE, "second:r1");
  }
}
