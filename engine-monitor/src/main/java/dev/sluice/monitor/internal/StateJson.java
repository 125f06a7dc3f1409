package dev.sluice.monitor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Engine;
import dev.sluice.core.Plan;
import dev.sluice.core.metrics.AlertEvent;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.LatencySnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import dev.sluice.core.metrics.ThroughputPoint;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's state document: one JSON object per snapshot, without line breaks (it is sent
 * as one SSE data line). Every string in it is data to be shown as text.
 */
final class StateJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StateJson() {}

  static String render(
      EngineSnapshot s, Engine engine, long intervalMillis, boolean actions,
      Map<String, String[]> breakers, Collection<AlertEvent> active,
      Collection<AlertEvent> recent, List<DebugEvent> debug, long debugOverwritten) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("time", s.timeMillis());
    root.put("intervalMillis", intervalMillis);
    root.put("actions", actions);
    ArrayNode jobs = root.putArray("jobs");
    for (JobSnapshot j : s.jobs()) {
      ObjectNode jo = jobs.addObject();
      jo.put("id", j.id());
      jo.put("name", j.name());
      jo.put("status", j.status());
      jo.put("restarts", j.restarts());
      // An ended job's throughput history no longer changes: it is left out, so an engine that
      // keeps many ended jobs does not push kilobytes of old points every second.
      boolean ended = isTerminal(j.status());
      ArrayNode stages = jo.putArray("stages");
      for (StageSnapshot st : j.stages()) {
        stage(stages.addObject(), st, !ended);
      }
      ArrayNode edges = jo.putArray("edges");
      for (EdgeSnapshot e : j.edges()) {
        ObjectNode eo = edges.addObject();
        eo.put("from", e.from());
        eo.put("to", e.to());
        eo.put("queued", e.queuedEvents());
        eo.put("capacity", e.capacityEvents());
        eo.put("utilisation", finite(e.utilisation()));
        eo.put("dropped", e.dropped());
      }
      topology(jo.putObject("topology"), engine.plan(j.id()));
    }
    ArrayNode br = root.putArray("breakers");
    breakers.forEach((name, v) -> {
      ObjectNode b = br.addObject();
      b.put("name", name);
      b.put("state", v[0]);
      b.put("sinceMillis", Long.parseLong(v[1]));
    });
    ObjectNode alerts = root.putObject("alerts");
    alerts(alerts.putArray("active"), active);
    alerts(alerts.putArray("recent"), recent);
    ArrayNode log = root.putArray("debug");
    for (DebugEvent e : debug) {
      ObjectNode d = log.addObject();
      d.put("timeMillis", e.timeMillis());
      d.put("kind", e.kind().name());
      d.put("subject", e.subject());
      d.put("message", e.message());
    }
    root.put("debugOverwritten", debugOverwritten);
    return root.toString();
  }

  private static boolean isTerminal(String status) {
    return status.equals("COMPLETED") || status.equals("CANCELLED") || status.equals("FAILED");
  }

  private static void stage(ObjectNode o, StageSnapshot s, boolean withHistory) {
    o.put("name", s.name());
    o.put("in", s.in());
    o.put("out", s.out());
    o.put("filtered", s.filtered());
    o.put("dropped", s.dropped());
    o.put("deadLettered", s.deadLettered());
    o.put("errors", s.errors());
    o.put("restarts", s.restarts());
    o.put("eventsPerSecond", finite(s.eventsPerSecond()));
    o.put("bytesPerSecond", finite(s.bytesPerSecond()));
    if (s.watermark() == Long.MIN_VALUE) {
      o.putNull("watermark");
    } else {
      o.put("watermark", s.watermark());
    }
    o.put("lagMillis", s.eventTimeLagMillis());
    latency(o.putObject("processing"), s.processingLatency());
    latency(o.putObject("endToEnd"), s.endToEndLatency());
    ArrayNode h = o.putArray("history");
    if (withHistory) {
      for (ThroughputPoint p : s.history()) {
        h.addArray().add(p.timeMillis()).add(finite(p.eventsPerSecond()));
      }
    }
    ArrayNode sampled = o.putArray("sampled");
    for (String e : s.sampledEvents()) {
      sampled.add(e);
    }
  }

  private static void latency(ObjectNode o, LatencySnapshot l) {
    o.put("count", l.count());
    o.put("min", l.minNanos());
    o.put("mean", finite(l.meanNanos()));
    o.put("p50", l.p50Nanos());
    o.put("p90", l.p90Nanos());
    o.put("p99", l.p99Nanos());
    o.put("p999", l.p999Nanos());
    o.put("max", l.maxNanos());
  }

  private static void topology(ObjectNode o, Optional<Plan> plan) {
    ArrayNode nodes = o.putArray("nodes");
    ArrayNode links = o.putArray("links");
    if (plan.isEmpty()) {
      return;
    }
    Plan p = plan.get();
    for (Plan.Chain c : p.chains()) {
      for (int i = 0; i < c.stages().size(); i++) {
        ObjectNode n = nodes.addObject();
        n.put("name", c.stages().get(i));
        n.put("kind", c.kinds().get(i));
        n.put("chain", c.index());
        n.put("parallelism", c.parallelism());
        if (i > 0) {
          ObjectNode l = links.addObject();
          l.put("from", c.stages().get(i - 1));
          l.put("to", c.stages().get(i));
          l.put("type", "fused");
        }
      }
    }
    for (Plan.Edge e : p.edges()) {
      List<String> from = p.chains().get(e.from()).stages();
      String last = from.get(from.size() - 1);
      ObjectNode l = links.addObject();
      l.put("from", e.sideOutputOf() != null ? e.sideOutputOf() : last);
      l.put("to", p.chains().get(e.to()).stages().get(0));
      l.put("type", "queue");
      l.put("edgeFrom", last);
      l.put("routing", e.routing());
      l.put("capacity", e.capacityEvents());
      l.put("strategy", String.valueOf(e.strategy()));
      l.put("sideOutput", e.sideOutput() != null);
    }
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  private static void alerts(ArrayNode out, Collection<AlertEvent> events) {
    for (AlertEvent a : events) {
      ObjectNode n = out.addObject();
      n.put("rule", a.rule());
      n.put("job", a.job());
      n.put("subject", a.subject());
      n.put("value", Double.isFinite(a.value()) ? a.value() : 0);
      n.put("state", a.state().name());
      n.put("timeMillis", a.timeMillis());
    }
  }
}
