/**
 * Sluice engine core: the pipeline DSL, planner, cooperative runtime, event time, backpressure,
 * job lifecycle, the operator SPI and its test harness, and the payload generator SPI.
 */
module dev.sluice.core {
  requires transitive org.reactivestreams;
  requires transitive reactor.core;
  requires org.jctools.core;
  requires org.slf4j;
  // HdrHistogram 2.2.2 declares no module name (no module-info, no Automatic-Module-Name in its
  // manifest), so on the module path its automatic module name comes from the jar's file name:
  // HdrHistogram-2.2.2.jar -> HdrHistogram. A renamed jar does not resolve; the class path is
  // unaffected. See docs/core.md, "Class path, module path and logging".
  requires HdrHistogram;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.annotation;
  requires transitive io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.core;
  // Kryo 5 and its dependencies declare only Automatic-Module-Names (com.esotericsoftware.kryo,
  // org.objenesis, com.esotericsoftware.minlog, com.esotericsoftware.reflectasm).
  requires com.esotericsoftware.kryo;
  requires org.objenesis;

  exports dev.sluice.core;
  exports dev.sluice.core.aggregate;
  exports dev.sluice.core.emission;
  exports dev.sluice.core.fault;
  exports dev.sluice.core.metrics;
  exports dev.sluice.core.checkpoint;
  exports dev.sluice.core.state;
  exports dev.sluice.core.operator;
  exports dev.sluice.core.payload;
  exports dev.sluice.core.testing;

  uses dev.sluice.core.payload.PayloadGeneratorFactory;

  provides dev.sluice.core.payload.PayloadGeneratorFactory with
      dev.sluice.core.internal.payload.SyntheticGeneratorFactory;
}
