package dev.sluice.examples.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scenario.ReportWriter;
import dev.sluice.scenario.ScenarioReport;
import org.junit.jupiter.api.Test;

class LoadYourOwnPipelineTest {

  @Test
  void theUsersPipelineIsLoadedAndMeasured() {
    ScenarioReport r = LoadYourOwnPipeline.run();
    // synthetic payloads are JSON objects: every emitted event completes
    assertThat(r.completed()).isEqualTo(r.emitted()).isPositive();
    assertThat(r.run().target()).isEqualTo("JSON filter");
    assertThat(r.scenario().criteria().minSustainedEps()).isEqualTo(1_900);
    assertThat(ReportWriter.text(r)).contains("target    JSON filter");
  }
}
