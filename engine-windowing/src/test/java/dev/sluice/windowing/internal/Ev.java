package dev.sluice.windowing.internal;

/** A test event: a key and an id that identifies it in results. */
public record Ev(String key, long id) {}
