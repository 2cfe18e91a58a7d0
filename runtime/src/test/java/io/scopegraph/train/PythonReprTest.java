package io.scopegraph.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonReprTest {
  @Test
  void floatsPrintAsPythonReprPrintsThem() {
    assertEquals("0.0", AdagradOptimizer.pythonRepr(0.0));
    assertEquals("-1.0", AdagradOptimizer.pythonRepr(-1));
    assertEquals("-0.5", AdagradOptimizer.pythonRepr(-0.5));
    assertEquals("1e-10", AdagradOptimizer.pythonRepr(1e-10));
    assertEquals("-1.5e-07", AdagradOptimizer.pythonRepr(-1.5e-7));
    assertEquals("0.0001", AdagradOptimizer.pythonRepr(1e-4));
    assertEquals("1e-05", AdagradOptimizer.pythonRepr(1e-5));
    assertEquals("-1e+16", AdagradOptimizer.pythonRepr(-1e16));
    assertEquals("-123456.0", AdagradOptimizer.pythonRepr(-123456));
    assertEquals("initial_accumulator_value must be positive: -1e-10",
        org.junit.jupiter.api.Assertions.assertThrows(InvalidOptimizerArgumentException.class,
            () -> new AdagradOptimizer(1.0, -1e-10)).getMessage());
  }
}
