package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionTest {
  private final SessionGraphBuilder b = new SessionGraphBuilder();

  // ---------------------------------------------------------------------------------------------
  // Fetching and feeding

  @Test
  void runReturnsTheValueOfAConstant() {
    Tensor a = b.constant("a", new float[] {1f, 2f});
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.of(1f, 2f), s.run(a));
    }
  }

  @Test
  void runReturnsFetchesInOrderIncludingRepeats() {
    Tensor a = b.constant("a", 1);
    Tensor c = b.constant("c", 2);
    Tensor sum = b.binary("AddV2", "sum", a, c);
    try (Session s = new Session(b.g)) {
      assertEquals(List.of(NdArray.scalar(3), NdArray.scalar(1), NdArray.scalar(3)), s.run(List.of(sum, a, sum)));
    }
  }

  @Test
  void fedPlaceholderIsUsedByItsConsumers() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.of(-1, 2));
    Tensor y = b.binary("Mul", "y", x, b.constant("two", 2f));
    try (Session s = new Session(b.g)) {
      NdArray fed = NdArray.of(new float[][] {{1, 2}, {3, 4}});
      assertEquals(NdArray.of(new float[][] {{2, 4}, {6, 8}}), s.run(List.of(y), Map.of(x, fed)).get(0));
    }
  }

  @Test
  void runnerFeedsJavaValuesFetchesAndRunsTargets() {
    Tensor x = b.placeholder("x", DType.INT32, Shape.of(3));
    Tensor y = b.binary("AddV2", "y", x, b.constant("one", 1));
    Variable v = b.variable("v", DType.INT32, Shape.of(3));
    Tensor assign = b.assign("v/Assign", v, y);
    try (Session s = new Session(b.g)) {
      List<NdArray> out = s.runner().feed(x, new int[] {1, 2, 3}).fetch(y).fetch(x).addTarget(assign.op()).run();
      assertEquals(List.of(NdArray.of(2, 3, 4), NdArray.of(1, 2, 3)), out);
      assertEquals(NdArray.of(2, 3, 4), s.run(v));
    }
  }

  @Test
  void fetchingAFedTensorReturnsTheFedValue() {
    Tensor a = b.constant("a", 1f);
    Tensor c = b.unary("Neg", "c", a);
    try (Session s = new Session(b.g)) {
      assertEquals(List.of(NdArray.scalar(5f)), s.run(List.of(c), Map.of(c, NdArray.scalar(5f))));
    }
  }

  @Test
  void unneededUnfedPlaceholderIsNotAnError() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.of(2));
    b.binary("AddV2", "uses_x", x, x);
    Tensor a = b.constant("a", 3f);
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.scalar(3f), s.run(a));
    }
  }

  @Test
  void fedTensorCutsTheGraphSoItsInputsAreNotEvaluated() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.of(2));
    Variable v = b.variable("v", DType.FLOAT32, Shape.of(2));
    Tensor mid = b.binary("AddV2", "mid", x, b.identity("v/read", v)); // would need x and an initialised v
    Tensor out = b.binary("Mul", "out", mid, b.constant("ten", 10f));
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.of(10f, 20f), s.run(List.of(out), Map.of(mid, NdArray.of(1f, 2f))).get(0));
    }
  }

  @Test
  void eachNeededOpRunsOncePerRun() {
    Tensor r = b.random("RandomUniform", "r", DType.FLOAT32, 1, 2, 3);
    Tensor left = b.identity("left", r);
    Tensor right = b.identity("right", r);
    List<NdArray> first;
    List<NdArray> second;
    try (Session s = new Session(b.g)) {
      first = s.run(List.of(left, right));
      second = s.run(List.of(left, right));
    }
    assertEquals(first.get(0), first.get(1), "both consumers see the one draw of r");
    assertEquals(second.get(0), second.get(1));
    assertNotEquals(first.get(0), second.get(0), "the next run draws again");
    // A session fetching r alone draws the same sequence: r ran exactly once per run above.
    try (Session s = new Session(b.g)) {
      assertEquals(first.get(0), s.run(r));
      assertEquals(second.get(0), s.run(r));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Feed errors

  @Test
  void neededUnfedPlaceholderThrowsMissingFeedWithDtypeAndShape() {
    Tensor x = b.placeholder("scope/x", DType.FLOAT32, Shape.of(-1, 3));
    Tensor y = b.unary("Neg", "y", x);
    try (Session s = new Session(b.g)) {
      MissingFeedException e = assertThrows(MissingFeedException.class, () -> s.run(y));
      assertEquals("You must feed a value for placeholder tensor 'scope/x' with dtype float and shape [?,3]",
          e.getMessage());
    }
  }

  @Test
  void missingFeedMessageOmitsTheShapeOfUnknownRank() {
    Tensor x = b.placeholder("x", DType.INT64, Shape.unknown());
    Tensor d = b.placeholder("d", DType.FLOAT64, Shape.scalar());
    try (Session s = new Session(b.g)) {
      assertEquals("You must feed a value for placeholder tensor 'x' with dtype int64",
          assertThrows(MissingFeedException.class, () -> s.run(x)).getMessage());
      assertEquals("You must feed a value for placeholder tensor 'd' with dtype double and shape []",
          assertThrows(MissingFeedException.class, () -> s.run(d)).getMessage());
    }
  }

  @Test
  void missingFeedIsReportedBeforeAnyOpRuns() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Tensor assign = b.assign("v/Assign", v, b.constant("one", 1f));
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.scalar());
    Operation both = b.noOp("both", assign.op(), x.op());
    try (Session s = new Session(b.g)) {
      assertThrows(MissingFeedException.class, () -> s.run(both));
      assertThrows(UninitializedVariableException.class, () -> s.run(v), "the Assign did not run");
    }
  }

  @Test
  void feedOfAnotherKindThrowsInvalidFeed() {
    Tensor x = b.placeholder("x", DType.INT32, Shape.of(2));
    try (Session s = new Session(b.g)) {
      InvalidFeedException e = assertThrows(InvalidFeedException.class,
          () -> s.run(List.of(x), Map.of(x, NdArray.of(1.5, 2.0))));
      assertEquals("Cannot feed value of dtype float64 for Tensor 'x:0', which has dtype int32", e.getMessage());
    }
  }

  @Test
  void losslessFeedsAreConvertedToTheTensorsDtype() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.of(2));
    Tensor y = b.placeholder("y", DType.FLOAT64, Shape.of(2));
    try (Session s = new Session(b.g)) {
      assertEquals(List.of(NdArray.of(1f, 2f), NdArray.of(3.0, 4.0)),
          s.run(List.of(x, y), Map.of(x, NdArray.of(1.0, 2.0), y, NdArray.of(3, 4))));
    }
  }

  @Test
  void feedOfAnIncompatibleShapeThrowsInvalidFeed() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.of(2));
    Tensor m = b.placeholder("m", DType.FLOAT32, Shape.of(-1, 3));
    try (Session s = new Session(b.g)) {
      assertEquals("Cannot feed value of shape (3,) for Tensor 'x:0', which has shape '(2,)'",
          assertThrows(InvalidFeedException.class, () -> s.run(List.of(x), Map.of(x, NdArray.of(1f, 2f, 3f))))
              .getMessage());
      assertEquals("Cannot feed value of shape (3,) for Tensor 'm:0', which has shape '(?, 3)'",
          assertThrows(InvalidFeedException.class, () -> s.run(List.of(m), Map.of(m, NdArray.of(1f, 2f, 3f))))
              .getMessage());
    }
  }

  @Test
  void feedMatchingUnknownDimensionsIsAccepted() {
    Tensor m = b.placeholder("m", DType.FLOAT32, Shape.of(-1, 3));
    Tensor any = b.placeholder("any", DType.FLOAT32, Shape.unknown());
    NdArray rows = NdArray.create(DType.FLOAT32, Shape.of(5, 3), new float[15]);
    NdArray cube = NdArray.create(DType.FLOAT32, Shape.of(1, 1, 1), new float[] {7});
    try (Session s = new Session(b.g)) {
      assertEquals(List.of(rows, cube), s.run(List.of(m, any), Map.of(m, rows, any, cube)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Variables

  @Test
  void readingAnUninitialisedVariableThrows() {
    Variable v = b.variable("scope/v", DType.FLOAT32, Shape.of(2));
    Tensor read = b.identity("scope/v/read", v);
    try (Session s = new Session(b.g)) {
      assertEquals("Attempting to use uninitialized value scope/v",
          assertThrows(UninitializedVariableException.class, () -> s.run(read)).getMessage());
      assertEquals("Attempting to use uninitialized value scope/v",
          assertThrows(UninitializedVariableException.class, () -> s.run(v)).getMessage());
    }
  }

  @Test
  void initOpAssignsVariablesAndTheValuesPersistAcrossRuns() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.of(2));
    Variable w = b.variable("w", DType.INT32, Shape.scalar());
    Tensor assignV = b.assign("v/Assign", v, b.constant("v/initial_value", new float[] {1, 2}));
    Tensor assignW = b.assign("w/Assign", w, b.constant("w/initial_value", 7));
    Operation init = b.noOp("init", assignV.op(), assignW.op());
    Tensor read = b.identity("v/read", v);
    Tensor doubled = b.binary("AddV2", "doubled", read, read);
    try (Session s = new Session(b.g)) {
      s.run(init);
      assertEquals(List.of(NdArray.of(1f, 2f), NdArray.scalar(7)), s.run(List.of(v, w)));
      assertEquals(NdArray.of(2f, 4f), s.run(doubled));
      assertEquals(NdArray.of(2f, 4f), s.run(doubled));
    }
  }

  @Test
  void assignOutputsTheValueAndLaterRunsSeeIt() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.scalar());
    Tensor assign = b.assign("Assign", v, x);
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.scalar(3f), s.run(List.of(assign), Map.of(x, NdArray.scalar(3f))).get(0));
      assertEquals(NdArray.scalar(3f), s.run(v));
      s.run(List.of(assign), Map.of(x, NdArray.scalar(4f)));
      assertEquals(NdArray.scalar(4f), s.run(v));
    }
  }

  @Test
  void incrementingAVariableUsesItsValueBeforeTheAssign() {
    Variable v = b.variable("v", DType.INT32, Shape.scalar());
    Operation init = b.assign("v/Assign", v, b.constant("zero", 0)).op();
    Tensor next = b.binary("AddV2", "next", b.identity("v/read", v), b.constant("one", 1));
    Tensor increment = b.assign("increment", v, next);
    try (Session s = new Session(b.g)) {
      s.run(init);
      for (int i = 1; i <= 3; i++) {
        assertEquals(NdArray.scalar(i), s.run(increment));
      }
      assertEquals(NdArray.scalar(3), s.run(v));
    }
  }

  @Test
  void fetchedVariableIsReadAfterTheTargetsOfTheSameRun() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Operation init = b.assign("v/Assign", v, b.constant("c", 5f)).op();
    try (Session s = new Session(b.g)) {
      assertEquals(List.of(NdArray.scalar(5f)), s.runner().addTarget(init).fetch(v).run());
    }
  }

  @Test
  void variableStateBelongsToTheSession() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Operation init = b.assign("v/Assign", v, b.constant("c", 5f)).op();
    try (Session first = new Session(b.g); Session second = new Session(b.g)) {
      first.run(init);
      assertEquals(NdArray.scalar(5f), first.run(v));
      assertThrows(UninitializedVariableException.class, () -> second.run(v));
    }
  }

  @Test
  void assignWithValidateShapeRejectsAValueOfAnotherShape() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.of(2));
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.unknown());
    Tensor strict = b.assign("strict", v, x, true);
    Tensor loose = b.assign("loose", v, x, false);
    try (Session s = new Session(b.g)) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(strict), Map.of(x, NdArray.of(1f, 2f, 3f))));
      assertEquals("Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]", e.getMessage());
      s.run(List.of(loose), Map.of(x, NdArray.of(1f, 2f, 3f)));
      assertEquals(NdArray.of(1f, 2f, 3f), s.run(v));
    }
  }

  @Test
  void opsNotNeededByTheFetchesAreNotRun() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    b.assign("v/Assign", v, b.constant("c", 5f));
    Tensor other = b.constant("other", 1f);
    try (Session s = new Session(b.g)) {
      s.run(other);
      assertThrows(UninitializedVariableException.class, () -> s.run(v));
    }
  }

  @Test
  void controlInputsOfANeededOpRunFirst() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Tensor assign = b.assign("v/Assign", v, b.constant("c", 2f));
    Tensor after = b.op("Identity", "after", new Tensor[] {b.constant("k", 1f)}, new Operation[] {assign.op()},
        new Object[] {"T", DType.FLOAT32}, DType.FLOAT32, Shape.scalar());
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.scalar(1f), s.run(after));
      assertEquals(NdArray.scalar(2f), s.run(v));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plans: compiled per signature (fetches, fed tensors, targets), reused, dropped when the graph grows

  @Test
  void repeatedRunsOfOneSignatureReuseOnePlanWithNewFeedValues() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.scalar());
    Tensor y = b.binary("Mul", "y", x, b.constant("three", 3f));
    try (Session s = new Session(b.g)) {
      for (int i = 0; i < 5; i++) {
        assertEquals(NdArray.scalar(3f * i), s.runner().feed(x, (float) i).fetch(y).run().get(0));
      }
      assertEquals(1, s.cachedPlans());
    }
  }

  @Test
  void feedsInAnotherMapOrderShareThePlan() {
    Tensor x = b.placeholder("x", DType.INT32, Shape.scalar());
    Tensor y = b.placeholder("y", DType.INT32, Shape.scalar());
    Tensor diff = b.binary("Sub", "diff", x, y);
    try (Session s = new Session(b.g)) {
      Map<Tensor, NdArray> xFirst = new LinkedHashMap<>();
      xFirst.put(x, NdArray.scalar(10));
      xFirst.put(y, NdArray.scalar(3));
      Map<Tensor, NdArray> yFirst = new LinkedHashMap<>();
      yFirst.put(y, NdArray.scalar(1));
      yFirst.put(x, NdArray.scalar(5));
      assertEquals(NdArray.scalar(7), s.run(List.of(diff), xFirst).get(0));
      assertEquals(NdArray.scalar(4), s.run(List.of(diff), yFirst).get(0));
      assertEquals(1, s.cachedPlans());
    }
  }

  @Test
  void differentFetchSetsGetTheirOwnPlansAndTheirOwnOrder() {
    Tensor a = b.constant("a", 2);
    Tensor c = b.constant("c", 5);
    Tensor sum = b.binary("AddV2", "sum", a, c);
    Tensor product = b.binary("Mul", "product", a, c);
    try (Session s = new Session(b.g)) {
      for (int round = 0; round < 2; round++) {
        assertEquals(List.of(NdArray.scalar(7)), s.run(List.of(sum)));
        assertEquals(List.of(NdArray.scalar(10), NdArray.scalar(7)), s.run(List.of(product, sum)));
        assertEquals(List.of(NdArray.scalar(7), NdArray.scalar(10)), s.run(List.of(sum, product)));
        assertEquals(List.of(NdArray.scalar(10), NdArray.scalar(10), NdArray.scalar(2)),
            s.run(List.of(product, product, a)));
      }
      assertEquals(4, s.cachedPlans());
    }
  }

  @Test
  void feedingAnotherSetOfTensorsPlansAnotherCut() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.scalar());
    Tensor mid = b.binary("AddV2", "mid", x, b.constant("one", 1f));
    Tensor out = b.binary("Mul", "out", mid, b.constant("ten", 10f));
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.scalar(30f), s.runner().feed(x, 2f).fetch(out).run().get(0));
      assertEquals(NdArray.scalar(70f), s.runner().feed(mid, 7f).fetch(out).run().get(0), "x is not needed");
      assertEquals(List.of(NdArray.scalar(20f), NdArray.scalar(2f)),
          s.runner().feed(x, 1f).feed(mid, 2f).fetch(out).fetch(mid).run(), "the fed mid wins over x + 1");
      assertEquals("You must feed a value for placeholder tensor 'x' with dtype float and shape []",
          assertThrows(MissingFeedException.class, () -> s.run(out)).getMessage());
      assertEquals(NdArray.scalar(40f), s.runner().feed(x, 3f).fetch(out).run().get(0), "earlier plans still work");
      assertEquals(3, s.cachedPlans(), "the signature that failed is not cached");
    }
  }

  @Test
  void graphGrownAfterARunIsPlannedAgainAndGivesCorrectResults() {
    Tensor x = b.placeholder("x", DType.INT64, Shape.scalar());
    Tensor doubled = b.binary("AddV2", "doubled", x, x);
    try (Session s = new Session(b.g)) {
      assertEquals(NdArray.scalar(6L), s.runner().feed(x, 3L).fetch(doubled).run().get(0));
      Tensor squared = b.binary("Mul", "squared", doubled, doubled);
      assertEquals(1, s.cachedPlans(), "the plan of the smaller graph is dropped at the next run");
      assertEquals(List.of(NdArray.scalar(6L), NdArray.scalar(36L)),
          s.runner().feed(x, 3L).fetch(doubled).fetch(squared).run());
      assertEquals(NdArray.scalar(8L), s.runner().feed(x, 4L).fetch(doubled).run().get(0));
      assertEquals(2, s.cachedPlans(), "plans of the smaller graph were dropped");
      Tensor negated = b.unary("Neg", "negated", squared);
      assertEquals(NdArray.scalar(-4L), s.runner().feed(x, 1L).fetch(negated).run().get(0));
      assertEquals(1, s.cachedPlans());
    }
  }

  @Test
  void atMostThirtyTwoPlansAreKeptAndEvictedOnesAreCompiledAgain() {
    Tensor[] constants = new Tensor[40];
    for (int i = 0; i < constants.length; i++) {
      constants[i] = b.constant("c" + i, i);
    }
    try (Session s = new Session(b.g)) {
      for (Tensor c : constants) {
        s.run(c);
      }
      assertEquals(32, s.cachedPlans());
      for (int i = 0; i < constants.length; i++) {
        assertEquals(NdArray.scalar(i), s.run(constants[i]));
      }
      assertEquals(32, s.cachedPlans());
    }
  }

  @Test
  void eachUseOfAVariableReadsItsValueWhenTheUsingOpRuns() {
    Variable v = b.variable("v", DType.INT32, Shape.scalar());
    Operation init = b.assign("v/Assign", v, b.constant("zero", 0)).op();
    Tensor before = b.binary("AddV2", "before", v, b.constant("hundred", 100)); // reads v directly, no snapshot
    Tensor increment = b.assign("increment", v, b.binary("AddV2", "next", v, b.constant("one", 1)));
    Tensor after = b.op("Identity", "after", new Tensor[] {v}, new Operation[] {increment.op()},
        new Object[] {"T", DType.INT32}, DType.INT32, Shape.scalar());
    try (Session s = new Session(b.g)) {
      s.run(init);
      for (int i = 0; i < 3; i++) {
        assertEquals(List.of(NdArray.scalar(100 + i), NdArray.scalar(i + 1), NdArray.scalar(i + 1)),
            s.run(List.of(before, after, v)));
      }
      assertEquals(NdArray.scalar(3), s.run(v));
    }
  }

  @Test
  void aFedOutputOfATargetedOpIsFetchedAsFedWhileTheOpStillRuns() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Tensor assign = b.assign("v/Assign", v, b.constant("c", 2f));
    try (Session s = new Session(b.g)) {
      for (int i = 0; i < 2; i++) {
        assertEquals(List.of(NdArray.scalar(9f)),
            s.runner().feed(assign, 9f).fetch(assign).addTarget(assign.op()).run());
        assertEquals(NdArray.scalar(2f), s.run(v));
      }
    }
  }

  @Test
  void closingDropsThePlans() {
    Tensor a = b.constant("a", 1f);
    Session s = new Session(b.g);
    s.run(a);
    s.close();
    assertEquals(0, s.cachedPlans());
  }

  // ---------------------------------------------------------------------------------------------
  // Random ops

  /** Builds the same seeded graph in a fresh Graph: op ids, names and seeds all equal. */
  private static Tensor[] seededRandomGraph(Graph g) {
    SessionGraphBuilder gb = new SessionGraphBuilder(g);
    return new Tensor[] {
        gb.random("RandomUniform", "u", DType.FLOAT32, 87654321, 3, 4, 5),
        gb.random("RandomStandardNormal", "n", DType.FLOAT64, 87654321, 7, 50),
        gb.random("TruncatedNormal", "t", DType.FLOAT32, 1, 0, 200)};
  }

  @Test
  void seededRandomOpsGiveTheSameValuesInANewSessionOnAnEquallyBuiltGraph() {
    Graph g1 = new Graph();
    Graph g2 = new Graph();
    List<Tensor> a = List.of(seededRandomGraph(g1));
    List<Tensor> c = List.of(seededRandomGraph(g2));
    List<NdArray> fromFirst;
    try (Session s = new Session(g1)) {
      fromFirst = s.run(a);
    }
    try (Session s = new Session(g1)) {
      assertEquals(fromFirst, s.run(a));
    }
    try (Session s = new Session(g2)) {
      assertEquals(fromFirst, s.run(c));
    }
  }

  @Test
  void randomValuesHaveTheRequestedShapeDtypeAndRange() {
    Tensor[] t = seededRandomGraph(b.g);
    try (Session s = new Session(b.g)) {
      List<NdArray> out = s.run(List.of(t));
      assertEquals(Shape.of(4, 5), out.get(0).shape());
      assertEquals(DType.FLOAT32, out.get(0).dtype());
      for (float u : out.get(0).toFloatArray()) {
        assertTrue(u >= 0f && u < 1f, "uniform in [0, 1): " + u);
      }
      assertEquals(DType.FLOAT64, out.get(1).dtype());
      assertEquals(Shape.of(50), out.get(1).shape());
      for (float x : out.get(2).toFloatArray()) {
        assertTrue(Math.abs(x) <= 2f, "truncated at two standard deviations: " + x);
      }
    }
  }

  @Test
  void unseededRandomOpsDifferBetweenSessions() {
    Tensor r = b.random("RandomUniform", "r", DType.FLOAT64, 0, 0, 16);
    NdArray first;
    try (Session s = new Session(b.g)) {
      first = s.run(r);
    }
    try (Session s = new Session(b.g)) {
      assertNotEquals(first, s.run(r));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Misuse

  @Test
  void runningAClosedSessionThrows() {
    Tensor a = b.constant("a", 1f);
    Session s = new Session(b.g);
    s.close();
    s.close(); // closing twice is harmless
    assertEquals("Attempted to use a closed Session.",
        assertThrows(IllegalStateException.class, () -> s.run(a)).getMessage());
    assertThrows(IllegalStateException.class, () -> s.runner().fetch(a).run());
  }

  @Test
  void fetchFromAnotherGraphThrowsGraphMismatch() {
    SessionGraphBuilder other = new SessionGraphBuilder();
    Tensor foreign = other.constant("a", 1f);
    try (Session s = new Session(b.g)) {
      GraphMismatchException e = assertThrows(GraphMismatchException.class, () -> s.run(foreign));
      assertEquals("Tensor Tensor(\"a:0\", shape=(), dtype=float32) is not an element of this graph.",
          e.getMessage());
    }
  }

  @Test
  void feedOrTargetFromAnotherGraphThrowsGraphMismatch() {
    SessionGraphBuilder other = new SessionGraphBuilder();
    Tensor foreign = other.placeholder("x", DType.FLOAT32, Shape.scalar());
    Operation foreignOp = other.noOp("init");
    Tensor a = b.constant("a", 1f);
    try (Session s = new Session(b.g)) {
      assertEquals("Tensor Tensor(\"x:0\", shape=(), dtype=float32) is not an element of this graph.",
          assertThrows(GraphMismatchException.class,
              () -> s.run(List.of(a), Map.of(foreign, NdArray.scalar(1f)))).getMessage());
      assertEquals("Operation <Operation 'init' type=NoOp> is not an element of this graph.",
          assertThrows(GraphMismatchException.class, () -> s.run(foreignOp)).getMessage());
    }
  }

  @Test
  void opWithoutKernelThrowsBeforeAnyOpRuns() {
    Variable v = b.variable("v", DType.FLOAT32, Shape.scalar());
    Tensor assign = b.assign("v/Assign", v, b.constant("c", 1f));
    Tensor odd = b.op("Frobnicate", "scope/odd", new Tensor[] {assign}, new Object[0], DType.FLOAT32,
        Shape.scalar());
    try (Session s = new Session(b.g)) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> s.run(odd));
      assertEquals("No kernel for op type 'Frobnicate' (op 'scope/odd')", e.getMessage());
      assertThrows(UninitializedVariableException.class, () -> s.run(v));
    }
  }

  @Test
  void runWithNoTargetsDoesNothing() {
    try (Session s = new Session(b.g)) {
      s.run();
      assertEquals(List.of(), s.run(List.of()));
    }
  }

  @Test
  void concurrentRunsFromSeveralThreadsGiveCorrectResults() throws Exception {
    Tensor x = b.placeholder("x", DType.INT64, Shape.scalar());
    Tensor square = b.unary("Square", "square", x);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Session s = new Session(b.g)) {
      List<Future<NdArray>> results = new ArrayList<>();
      for (long i = 0; i < 200; i++) {
        long value = i;
        results.add(pool.submit(() -> s.runner().feed(x, value).fetch(square).run().get(0)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(NdArray.scalar((long) i * i), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
