/**
 * User journeys: virtual users as asynchronous multi-step functions, arriving by an open arrival
 * process (the core's emission schedule), at most N at once, with named timed steps and pools of
 * prepared resources refilled in the background. Also the open-model vocabulary the HTTP target
 * shares: {@link dev.sluice.scenario.journey.LoadPlan} and {@link
 * dev.sluice.scenario.journey.LatencySummary}. Start at {@link
 * dev.sluice.scenario.journey.JourneyRunner}.
 */
package dev.sluice.scenario.journey;
