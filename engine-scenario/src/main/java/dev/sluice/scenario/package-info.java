/** Load-test scenarios: the scenario runner, its reports, external targets and virtual-user journeys. */
package dev.sluice.scenario;
