package dev.sluice.examples.cep;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.util.List;

/** Disjunction: a CPU, memory or disk alert on a host, whichever comes. */
public final class ResourceAlert {
  private ResourceAlert() {}

  /** A utilisation sample, in percent. */
  public record Sample(String host, String resource, double percent, long timeMillis) {}

  /** The pattern. */
  public static Pattern<Sample> pattern() {
    return Pattern.beginAnyOf(
        Pattern.<Sample>event("cpu").where(s -> s.resource().equals("cpu") && s.percent() > 90),
        Pattern.<Sample>event("memory")
            .where(s -> s.resource().equals("memory") && s.percent() > 95),
        Pattern.<Sample>event("disk").where(s -> s.resource().equals("disk") && s.percent() > 90));
  }

  /** Runs the pattern over {@code samples}; one line per alert, naming the resource. */
  public static List<String> alerts(List<Sample> samples) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("samples", samples))
                .withTimestamps(Sample::timeMillis, 0)
                .keyBy(Sample::host))
        .pattern(pattern())
        .select((host, m) -> host + ": " + m.nameOf(0) + " at " + m.event(0).percent() + "%")
        .matches());
  }

  /** The seed scenario. */
  public static List<Sample> scenario() {
    return List.of(
        new Sample("web-1", "cpu", 45, 0),
        new Sample("web-1", "cpu", 97, 1_000), // alert
        new Sample("web-2", "memory", 96, 1_000), // alert
        new Sample("web-2", "memory", 80, 2_000),
        new Sample("db-1", "disk", 91.5, 3_000), // alert
        new Sample("db-1", "cpu", 90, 4_000)); // not above 90
  }

  /** Prints the alerts of the seed scenario. */
  public static void main(String[] args) throws Exception {
    alerts(scenario()).forEach(System.out::println);
  }
}
