package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    Tensor upper = g.opBuilder("Const", "A/").setAttr("value", NdArray.scalar(2f)).build().output(0);
    assertEquals("A", upper.op().name());
    assertSame(a.op(), g.operation("a"));
    assertSame(upper.op(), g.operation("A"));
    assertNull(g.operation("A_1")); // a name in use without an op
    assertEquals("a_2", g.uniqueName("a"));
  }

  @Test
  void randomUseAgreesWithALowerCasedDictionaryIncludingRollback() {
    Random random = new Random(42);
    Graph graph = new Graph();
    List<Operation> ops = new ArrayList<>(); // the registry's op list, as the graph's
    NameRegistry registry = new NameRegistry(ops);
    Map<String, Integer> model = new HashMap<>();
    Map<String, Operation> opModel = new HashMap<>(); // the C API's exact by-name index
    String[] scopes = {"", "s", "S", "scope/inner", "É"};
    String[] leaves = {"add", "Add", "ADD", "x", "X_1", "x_1", "v_10", "é"};
    for (int round = 0; round < 2_000; round++) {
      boolean failing = random.nextInt(3) == 0;
      Map<String, Integer> before = new HashMap<>(model);
      Map<String, Operation> opsBefore = new HashMap<>(opModel);
      int opsMark = ops.size();
      registry.beginJournal();
      for (int step = random.nextInt(40); step >= 0; step--) {
        String scope = scopes[random.nextInt(scopes.length)];
        String leaf = leaves[random.nextInt(leaves.length)] + (random.nextBoolean() ? "_" + random.nextInt(12) : "");
        String name = scope.isEmpty() ? leaf : scope + "/" + leaf;
        boolean mark = random.nextInt(4) > 0;
        String unique = registry.uniqueName(scope, leaf, mark);
        assertEquals(tfUniqueName(model, name, mark), unique, name);
        // An op takes the name just handed out (as Ops does), or a name verbatim (TF's "name/" form).
        String opName = mark && random.nextBoolean() ? unique : random.nextInt(4) == 0 ? name : null;
        if (opName != null) {
          Operation op = new Operation(graph, ops.size(), opName, "NoOp", new Tensor[0], new Object[0],
              DType.FLOAT32, Shape.scalar());
          ops.add(op);
          boolean added = registry.addOp(op);
          assertEquals(!opModel.containsKey(opName), added, opName);
          if (added) {
            opModel.put(opName, op);
          } else {
            ops.remove(ops.size() - 1);
          }
        }
      }
      if (failing) {
        registry.rollbackJournal();
        ops.subList(opsMark, ops.size()).clear();
        model = before;
        opModel = opsBefore;
      } else {
        registry.commitJournal();
      }
      if (round % 100 == 99) { // every count, by the other case; every op, by its exact name only
        for (Map.Entry<String, Integer> e : model.entrySet()) {
          assertEquals(e.getValue(), registry.count(e.getKey().toUpperCase(Locale.ROOT)), e.getKey());
        }
        for (Map.Entry<String, Operation> e : opModel.entrySet()) {
          assertSame(e.getValue(), registry.op(e.getKey()), e.getKey());
          String upper = e.getKey().toUpperCase(Locale.ROOT);
          assertSame(opModel.get(upper), registry.op(upper), upper);
        }
      }
    }
  }

  /** TF 1.15's Graph.unique_name, written as the Python is: a dict of lower-cased names to counts. */
  private static String tfUniqueName(Map<String, Integer> namesInUse, String name, boolean markAsUsed) {
    String nameKey = name.toLowerCase(Locale.ROOT);
    int i = namesInUse.getOrDefault(nameKey, 0);
    if (markAsUsed) {
      namesInUse.put(nameKey, i + 1);
    }
    if (i > 0) {
      String baseNameKey = nameKey;
      while (namesInUse.containsKey(nameKey)) {
        nameKey = baseNameKey + "_" + i;
        i++;
      }
      if (markAsUsed) {
        namesInUse.put(nameKey, 1);
      }
      name = name + "_" + (i - 1);
    }
    return name;
  }

  @Test
  void rollbackRemovesNamesFromAGrownTable() {
    NameRegistry registry = new NameRegistry(new ArrayList<>());
    for (int i = 0; i < 1_000; i++) {
      registry.uniqueName("", "keep_" + i, true);
    }
    registry.beginJournal();
    for (int i = 0; i < 10_000; i++) {
      assertEquals("drop_" + i, registry.uniqueName("", "drop_" + i, true));
      assertEquals("keep_" + (i % 1_000) + "_" + (1 + i / 1_000), registry.uniqueName("", "keep_" + (i % 1_000), true));
    }
    registry.rollbackJournal();
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, registry.count("drop_" + i), "drop_" + i);
    }
    for (int i = 0; i < 1_000; i++) {
      assertEquals(1, registry.count("KEEP_" + i));
      assertEquals(0, registry.count("KEEP_" + i + "_1"));
    }
    assertEquals("drop_0", registry.uniqueName("", "drop_0", false));
  }
}
