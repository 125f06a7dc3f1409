package dev.sluice.core.internal.runtime;

/** What links learn about the tasklet they run in when they open. */
record TaskletContext(int instanceIndex, int parallelism, EngineClock clock, Gate gate) {
  TaskletContext(int instanceIndex, int parallelism, EngineClock clock) {
    this(instanceIndex, parallelism, clock, new Gate());
  }
}
