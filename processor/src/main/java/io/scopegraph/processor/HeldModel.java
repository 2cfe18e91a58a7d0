package io.scopegraph.processor;

/**
 * A model another model holds and calls: analysed in this compilation ({@link BodyAnalysis}) or read from the
 * summary an earlier compilation wrote ({@link SummaryFile.CompiledModel}).
 */
sealed interface HeldModel permits BodyAnalysis, SummaryFile.CompiledModel {
  /** Whether making it runs nothing the analysis would miss (so creating it creates no variable). */
  boolean plainConstructors();
}
