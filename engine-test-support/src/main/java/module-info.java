/**
 * Sluice test support: seeded randomness for property tests ({@link dev.sluice.testsupport.SeededRuns}
 * and {@link dev.sluice.testsupport.Generator}). Used by the tests of the other modules only.
 */
module dev.sluice.testsupport {
  exports dev.sluice.testsupport;
}
