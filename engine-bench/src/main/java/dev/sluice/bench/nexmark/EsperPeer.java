package dev.sluice.bench.nexmark;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventSender;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Esper 9 running "A followed by B on the same key within 5 s" as an EPL pattern, in this
 * thread, with the runtime's clock driven by event time (external timer).
 *
 * <p>Esper processes events in arrival order, so the harness gives it event-time order the way
 * Flink CEP and the Sluice operator get it: a reorder buffer (a priority queue by time) releases
 * an event once the watermark (the highest time seen minus the disorder bound, minus 1) has
 * reached it, advancing Esper's clock to the event's time before sending it. The buffer's cost is
 * part of Esper's measured time. Every run compiles the statement, creates a runtime, deploys,
 * feeds all events and destroys the runtime.
 *
 * <p>Pattern: {@code every a=CepEvent(type=A) -> (b=CepEvent(type=B, key=a.key) where
 * timer:within(5000 msec))}: each A starts a sub-expression that takes the first B of its key
 * and ends when the guard expires at A's time + 5000 (a B at exactly that time is too late, as
 * in Flink CEP and {@link CepMatch}).
 */
public final class EsperPeer {
  static final String EPL =
      "@name('followed-by') select a.key as key, a.time as firstTime, b.time as secondTime "
          + "from pattern [every a=CepEvent(type=" + CepEvent.A + ") -> "
          + "(b=CepEvent(type=" + CepEvent.B + ", key=a.key) where timer:within("
          + CepMatch.WITHIN_MILLIS + " msec))]";

  private static final AtomicLong RUNTIMES = new AtomicLong();

  private EsperPeer() {}

  /** Receives matches (Esper's subscriber contract: one parameter per selected column). */
  public static final class MatchSubscriber {
    long count;
    long checksum;

    /** One match. */
    public void update(long key, long firstTime, long secondTime) {
      count++;
      checksum += CepMatch.digest(key, firstTime, secondTime);
    }
  }

  /**
   * Runs the pattern over {@code events}.
   *
   * @throws Exception if compiling or deploying fails
   */
  public static ResultDigest cep(CepEvents events) throws Exception {
    Configuration config = new Configuration();
    config.getCommon().addEventType("CepEvent", CepEvent.class);
    config.getRuntime().getThreading().setInternalTimerEnabled(false);
    config.getCompiler().getByteCode().setAllowSubscriber(true);
    EPCompiled compiled = EPCompilerProvider.getCompiler().compile(EPL, new CompilerArguments(config));
    EPRuntime runtime =
        EPRuntimeProvider.getRuntime("sluice-bench-esper-" + RUNTIMES.incrementAndGet(), config);
    try {
      EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
      MatchSubscriber subscriber = new MatchSubscriber();
      deployment.getStatements()[0].setSubscriber(subscriber);
      EPEventService service = runtime.getEventService();
      EventSender sender = service.getEventSender("CepEvent");
      CepEvent[] input = events.events();
      long bound = events.maxOutOfOrdernessMillis();
      PriorityQueue<CepEvent> reorder =
          new PriorityQueue<>(1024, Comparator.comparingLong(CepEvent::getTime));
      long maxSeen = Long.MIN_VALUE;
      long clock = Long.MIN_VALUE;
      for (CepEvent e : input) {
        reorder.add(e);
        if (e.time > maxSeen) {
          maxSeen = e.time;
          long watermark = maxSeen - bound - 1;
          while (!reorder.isEmpty() && reorder.peek().time <= watermark) {
            CepEvent next = reorder.poll();
            if (next.time != clock) {
              clock = next.time;
              service.advanceTime(clock);
            }
            sender.sendEvent(next);
          }
        }
      }
      while (!reorder.isEmpty()) {
        CepEvent next = reorder.poll();
        if (next.time != clock) {
          clock = next.time;
          service.advanceTime(clock);
        }
        sender.sendEvent(next);
      }
      return new ResultDigest(subscriber.count, subscriber.checksum);
    } finally {
      runtime.destroy();
    }
  }
}
