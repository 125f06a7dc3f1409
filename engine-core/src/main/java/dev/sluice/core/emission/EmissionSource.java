package dev.sluice.core.emission;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A source that emits generated payloads on an open-loop schedule: each event has an intended
 * emission time from the {@link RateProfile}, is emitted once that time has come (in frames of
 * {@link EmissionSettings#tick()} and bursts of at most {@link EmissionSettings#burstSize()}),
 * and carries the intended time ({@link ScheduledEvent}). When the pipeline holds the source back
 * (BLOCK), the schedule does not wait: later calls emit everything that became due meanwhile,
 * with its original intended times (CatchUp.BURST), or skip what is more than {@code maxLag} late
 * and count it (CatchUp.SKIP). The event timestamp is the intended wall-clock time.
 *
 * <p>One instance (parallelism 1). <b>Threading:</b> the reader runs on one worker; {@link
 * #emitted()}, {@link #skipped()} and {@link #lagNanos()} may be read from any thread.
 * <b>Allocation:</b> one {@link ScheduledEvent} per event plus whatever the payload function
 * allocates.
 *
 * @param <T> payload type
 */
public final class EmissionSource<T> implements Source<ScheduledEvent<T>> {
  private final String name;
  private final EmissionSettings settings;
  private final LongFunction<? extends T> payloads;
  private final EmissionClock clock;
  private volatile long emitted;
  private volatile long skipped;
  private volatile long lagNanos;
  private volatile long startNanos = Long.MIN_VALUE;

  /**
   * @param payloads makes the payload of event {@code n} (e.g. {@code n -> generator.next()})
   */
  public EmissionSource(
      String name, EmissionSettings settings, LongFunction<? extends T> payloads, EmissionClock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** On the system clock. */
  public EmissionSource(String name, EmissionSettings settings, LongFunction<? extends T> payloads) {
    this(name, settings, payloads, EmissionClock.system());
  }

  @Override
  public String name() {
    return name;
  }

  /** The settings. */
  public EmissionSettings settings() {
    return settings;
  }

  /** Events emitted so far. */
  public long emitted() {
    return emitted;
  }

  /** Events skipped because they were later than {@code maxLag} (CatchUp.SKIP). */
  public long skipped() {
    return skipped;
  }

  /** How far behind schedule the last emitted event was, in nanoseconds. */
  public long lagNanos() {
    return lagNanos;
  }

  /** When the schedule started, on the clock; {@code Long.MIN_VALUE} before the first read. */
  public long startNanos() {
    return startNanos;
  }

  @Override
  public SourceReader<ScheduledEvent<T>> createReader(int instanceIndex, int parallelism) {
    return new Reader();
  }

  private final class Reader implements SourceReader<ScheduledEvent<T>> {
    private final EmissionSchedule schedule =
        new EmissionSchedule(settings.profile(), settings.seed());
    private final long tickNanos = settings.tick().toNanos();
    private final long durationNanos = settings.duration().toNanos();
    private final long maxLag = settings.maxLag().toNanos();
    private final boolean skip = settings.catchUp() == EmissionSettings.CatchUp.SKIP;
    private long start = Long.MIN_VALUE;
    private long nextOffset;
    private long nextTickAt;
    private long horizon;
    private long sequence;
    private long emittedLocal;
    private long skippedLocal;

    @Override
    public int read(SourceOutput<ScheduledEvent<T>> out, int maxEvents) {
      long now = clock.nanoTime();
      if (start == Long.MIN_VALUE) {
        start = now;
        startNanos = now;
        nextOffset = schedule.next();
        nextTickAt = now;
      }
      if (finished()) {
        return END;
      }
      if (tickNanos > 0) {
        if (now >= nextTickAt) {
          horizon = nextTickAt; // release what is due by this frame's time
          while (nextTickAt <= now) {
            nextTickAt += tickNanos;
          }
        }
      } else {
        horizon = now;
      }
      int limit = Math.min(maxEvents, settings.burstSize());
      int n = 0;
      long lastIntended = Long.MIN_VALUE;
      while (n < limit && !finished()) {
        long intended = start + nextOffset;
        if (intended > horizon) {
          break;
        }
        if (skip && now - intended > maxLag) {
          skippedLocal++;
          sequence++;
          nextOffset = schedule.next();
          continue;
        }
        long seq = sequence++;
        long millis = clock.epochMillisAt(intended);
        out.emit(new ScheduledEvent<>(seq, intended, millis, payloads.apply(seq)), millis);
        emittedLocal++;
        n++;
        lastIntended = intended;
        nextOffset = schedule.next();
      }
      if (lastIntended != Long.MIN_VALUE) {
        lagNanos = now - lastIntended;
      }
      emitted = emittedLocal;
      skipped = skippedLocal;
      return n == 0 && finished() ? END : n;
    }

    private boolean finished() {
      return emittedLocal + skippedLocal >= settings.maxEvents()
          || nextOffset == EmissionSchedule.NEVER
          || (durationNanos > 0 && nextOffset >= durationNanos);
    }
  }
}
