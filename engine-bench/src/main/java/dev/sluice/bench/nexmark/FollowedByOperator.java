package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.CepMatch.WITHIN_MILLIS;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;

/**
 * "A followed by B on the same key within 5 s" by hand, on the keyed-operator SPI (the reference
 * the CEP library must not be slower than), with Flink CEP's semantics: events are matched in
 * event-time order, every A starts a partial match, a partial match is completed by the first B
 * of its key after it if that B is less than 5 s later ({@link CepMatch}), and expires otherwise.
 *
 * <p>Event-time order: an A or B is held in a per-key reorder buffer (keyed state, sorted by
 * time) with an event-time timer at its time; when the watermark passes it, the timer processes
 * the key's buffered events up to that time in order. Open partial matches are the times of
 * their A's (keyed state); an A registers a timer at its expiry that prunes it, so the state of
 * every key is empty once the watermark has passed its last event by 5 s. Events of other types
 * can neither start nor complete a match and are ignored at once.
 *
 * <p>State arrays hold their length in element 0. Allocation: the emitted matches, and a
 * key's arrays when they are created or grow. An event at or behind the watermark (late) fails
 * the job: the benchmark's watermarks never make an event late, and a late event would
 * otherwise be matched out of order.
 */
public final class FollowedByOperator implements KeyedOperator<Long, CepEvent, CepMatch> {
  private KeyedState<Long, long[]> buffered; // per key: n, then (time << 2 | type) ascending
  private KeyedState<Long, long[]> openAs; // per key: n, then A times ascending
  private TimerService<Long> timers;

  @Override
  public void open(KeyedOperatorContext<Long> context) {
    timers = context.timers();
    buffered = context.state(ValueStateDescriptor.of("buffered", StateCodecs.longArrays()));
    openAs = context.state(ValueStateDescriptor.of("open-a", StateCodecs.longArrays()));
  }

  @Override
  public void onEvent(Long key, CepEvent event, long timestamp, Output<CepMatch> output) {
    int type = event.type;
    if (type != CepEvent.A && type != CepEvent.B) {
      return;
    }
    if (timestamp <= timers.currentWatermark()) {
      throw new IllegalStateException(
          "late event " + event + " at watermark " + timers.currentWatermark());
    }
    long packed = (timestamp << 2) | type;
    long[] buf = buffered.getForUpdate(key);
    if (buf == null) {
      buffered.put(key, new long[] {1, packed, 0, 0});
    } else {
      int n = (int) buf[0];
      if (n + 1 == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        buffered.put(key, buf);
      }
      int i = n;
      while (i > 0 && buf[i] > packed) { // insertion from the end: disorder is small
        buf[i + 1] = buf[i];
        i--;
      }
      buf[i + 1] = packed;
      buf[0] = n + 1;
    }
    timers.registerEventTimeTimer(key, timestamp);
  }

  @Override
  public void onTimer(Long key, long time, Output<CepMatch> output) {
    long[] buf = buffered.getForUpdate(key);
    if (buf != null) {
      int n = (int) buf[0];
      int done = 0;
      while (done < n && (buf[done + 1] >> 2) <= time) {
        long packed = buf[done + 1];
        long t = packed >> 2;
        if ((packed & 3) == CepEvent.A) {
          addOpenA(key, t);
          timers.registerEventTimeTimer(key, t + WITHIN_MILLIS);
        } else {
          matchB(key, t, output);
        }
        done++;
      }
      if (done == n) {
        buffered.remove(key);
      } else if (done > 0) {
        System.arraycopy(buf, done + 1, buf, 1, n - done);
        buf[0] = n - done;
      }
    }
    long[] open = openAs.getForUpdate(key);
    if (open != null) {
      int n = (int) open[0];
      int expired = 0;
      while (expired < n && time - open[expired + 1] >= WITHIN_MILLIS) {
        expired++;
      }
      if (expired == n) {
        openAs.remove(key);
      } else if (expired > 0) {
        System.arraycopy(open, expired + 1, open, 1, n - expired);
        open[0] = n - expired;
      }
    }
  }

  private void addOpenA(Long key, long time) {
    long[] open = openAs.getForUpdate(key);
    if (open == null) {
      openAs.put(key, new long[] {1, time, 0, 0});
      return;
    }
    int n = (int) open[0];
    if (n + 1 == open.length) {
      open = java.util.Arrays.copyOf(open, open.length * 2);
      openAs.put(key, open);
    }
    open[n + 1] = time; // processed in time order, so appending keeps it sorted
    open[0] = n + 1;
  }

  private void matchB(Long key, long time, Output<CepMatch> output) {
    long[] open = openAs.get(key);
    if (open == null) {
      return;
    }
    int n = (int) open[0];
    for (int i = 1; i <= n; i++) {
      if (time - open[i] < WITHIN_MILLIS) {
        output.emit(new CepMatch(key, open[i], time));
      }
    }
    openAs.remove(key); // each partial match takes the first B after it; expired ones go too
  }
}
