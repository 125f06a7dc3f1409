package dev.sluice.core.internal.runtime;

/** What links learn about the tasklet they run in when they open. */
record TaskletContext(int instanceIndex, int parallelism, EngineClock clock) {}
