package dev.sluice.core.internal.runtime;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.fault.DeadLetter;
import java.util.function.BooleanSupplier;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A job's dead-letter output: every stage with the DEAD_LETTER policy sends here (from any
 * worker thread); the dead-letter source reads it. Unbounded (chunked), so no failing event is
 * ever lost; the source ends once every stage that can send has ended and the queue is empty.
 */
final class DeadLetterChannel implements ErrorHandler.DeadLetterOutput {
  private final MpscUnboundedXaddArrayQueue<DeadLetter> queue =
      new MpscUnboundedXaddArrayQueue<>(1024);
  private final EngineClock clock;

  DeadLetterChannel(EngineClock clock) {
    this.clock = clock;
  }

  @Override
  public void send(Object event, Throwable error, String stage) {
    queue.offer(new DeadLetter(event, error, stage, clock.currentTimeMillis()));
  }

  /** The source reading this channel; it ends when {@code sendersDone} is true and drained. */
  Source<Object> source(String name, BooleanSupplier sendersDone) {
    return new Source<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public SourceReader<Object> createReader(int instanceIndex, int parallelism) {
        return (SourceOutput<Object> out, int max) -> {
          boolean done = sendersDone.getAsBoolean(); // before draining: nothing can follow
          int n = 0;
          DeadLetter d;
          while (n < max && (d = queue.relaxedPoll()) != null) {
            out.emit(d);
            n++;
          }
          return n == 0 && done && queue.isEmpty() ? SourceReader.END : n;
        };
      }
    };
  }
}
