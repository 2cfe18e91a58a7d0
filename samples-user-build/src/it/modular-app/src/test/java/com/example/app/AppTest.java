package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppTest {
  @Test
  void namesAsTensorFlow() {
    assertEquals(List.of("tower/w", "distance/Sum"), App.describe());
  }

  @Test
  void runsInItsOwnModule() {
    assertEquals("com.example.app", App.class.getModule().getName());
    assertEquals("io.scopegraph", io.scopegraph.Graph.class.getModule().getName());
  }
}
