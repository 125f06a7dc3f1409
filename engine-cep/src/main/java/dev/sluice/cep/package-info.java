/**
 * Sluice CEP: pattern matching over keyed streams on the core's operator SPI.
 *
 * <p>A {@link dev.sluice.cep.Pattern} describes a sequence of events per key; {@link
 * dev.sluice.cep.Cep} turns it into a keyed stage whose matches go to a {@link
 * dev.sluice.cep.MatchFunction}. Rules (patterns by id) can change while a job runs, through a
 * broadcast control stream of {@link dev.sluice.cep.RuleUpdate}s or a {@link
 * dev.sluice.cep.CepRules} handle.
 */
package dev.sluice.cep;
