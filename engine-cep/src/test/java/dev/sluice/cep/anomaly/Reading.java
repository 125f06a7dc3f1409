package dev.sluice.cep.anomaly;

/** A test reading: a sensor's value at a time. */
public record Reading(String sensor, long time, double value) {}
