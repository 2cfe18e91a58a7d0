package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing name registry against TF's own model: a dict of lower-cased names to counts. */
class NameRegistryTest {

  @Test
  void countsIgnoreCaseAndKeepTheFirstSpellingsOp() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor a = tf.constant(1f, "a");
    assertEquals("A_1", g.uniqueName("A"));
    Tensor upper = g.opBuilder("Const", "A/").addOutput(DType.FLOAT32, Shape.scalar()).build().output(0);
    assertEquals("A", upper.op().name());
    assertSame(a.op(), g.operation("a"));
    assertSame(upper.op(), g.operation("A"));
    assertNull(g.operation("A_1")); // a name in use without an op
    assertEquals("a_2", g.uniqueName("a"));
  }

  @Test
  void randomUseAgreesWithALowerCasedDictionaryIncludingRollback() {
    Random random = new Random(42);
    NameRegistry registry = new NameRegistry();
    Map<String, Integer> model = new HashMap<>();
    String[] bases = {"add", "Add", "ADD", "x", "X_1", "scope/v", "Scope/V", "é", "É"};
    for (int round = 0; round < 2_000; round++) {
      boolean failing = random.nextInt(3) == 0;
      Map<String, Integer> before = new HashMap<>(model);
      registry.beginJournal();
      for (int step = random.nextInt(40); step >= 0; step--) {
        String name = bases[random.nextInt(bases.length)] + (random.nextBoolean() ? "_" + random.nextInt(30) : "");
        String key = name.toLowerCase(Locale.ROOT);
        switch (random.nextInt(3)) {
          case 0 -> {
            int count = model.getOrDefault(key, 0);
            assertEquals(count, registry.claim(name), name);
            model.put(key, count + 1);
          }
          case 1 -> {
            boolean free = !model.containsKey(key);
            assertEquals(free, registry.claimIfFree(name), name);
            model.putIfAbsent(key, 1);
          }
          default -> assertEquals(model.getOrDefault(key, 0), registry.count(name), name);
        }
      }
      if (failing) {
        registry.rollbackJournal();
        model = before;
      } else {
        registry.commitJournal();
      }
      for (Map.Entry<String, Integer> e : model.entrySet()) {
        assertEquals(e.getValue(), registry.count(e.getKey().toUpperCase(Locale.ROOT)), e.getKey());
      }
    }
  }

  @Test
  void rollbackRemovesNamesFromAGrownTable() {
    NameRegistry registry = new NameRegistry();
    for (int i = 0; i < 1_000; i++) {
      registry.claim("keep_" + i);
    }
    registry.beginJournal();
    for (int i = 0; i < 10_000; i++) {
      registry.claim("drop_" + i);
      registry.claim("keep_" + (i % 1_000));
    }
    registry.rollbackJournal();
    for (int i = 0; i < 10_000; i++) {
      assertFalse(registry.inUse("drop_" + i), "drop_" + i);
    }
    for (int i = 0; i < 1_000; i++) {
      assertEquals(1, registry.count("KEEP_" + i));
    }
    assertTrue(registry.claimIfFree("drop_0"));
  }
}
