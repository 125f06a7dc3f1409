package dev.sluice.scenario.http;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.scenario.journey.LoadPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TmpDebugTest {
  @Test
  void run() throws Exception {
    try (Engine engine = Engine.create(); LocalHttpServer server = new LocalHttpServer(64)) {
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        HttpTargetResult r = new HttpTarget(HttpTargetSpec.builder(server.base() + "/x").build())
            .run(engine, LoadPlan.builder(RateProfile.constant(200), Duration.ofSeconds(1)).build());
        System.out.println("took " + (System.nanoTime() - t0) / 1e6 + " ms\n" + r.describe());
      }
    }
  }
}
