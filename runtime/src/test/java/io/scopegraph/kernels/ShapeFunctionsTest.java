package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.IncompatibleShapesException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import io.scopegraph.kernels.ShapeFunctions.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link ShapeFunctions}: TF 1.15's inferred shapes and shape errors; {@link TfFormat}'s number printing. */
class ShapeFunctionsTest {
  private static final DType F = DType.FLOAT32;
  private static final Shape UNKNOWN = Shape.unknown();

  private static Shape s(long... dims) {
    return Shape.of(dims);
  }

  private static long[] v(long... values) {
    return values;
  }

  private static void assertOutput(DType dtype, Shape shape, Output actual) {
    assertEquals(new Output(dtype, shape), actual);
  }

  private static void assertError(String message, Executable body) {
    assertEquals(message, assertThrows(IncompatibleShapesException.class, body).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Shape, Size, Rank, unchanged

  @Test
  void shapeSizeAndRank() {
    assertOutput(DType.INT32, s(3), ShapeFunctions.shape(s(2, -1, 3), DType.INT32));
    assertOutput(DType.INT64, s(-1), ShapeFunctions.shape(UNKNOWN, DType.INT64));
    assertOutput(DType.INT32, s(0), ShapeFunctions.shape(s(), DType.INT32));
    assertOutput(DType.INT64, s(), ShapeFunctions.size(s(2, 3), DType.INT64));
    assertOutput(DType.INT32, s(), ShapeFunctions.rank(UNKNOWN));
    assertOutput(F, s(-1, 3), ShapeFunctions.unchanged(F, s(-1, 3)));
  }

  // ---------------------------------------------------------------------------------------------
  // Tile

  @Test
  void tileMultipliesKnownDimensions() {
    assertOutput(F, s(4, 9), ShapeFunctions.tile(F, s(2, 3), s(2), v(2, 3), "Tile"));
    assertOutput(F, s(-1, 6), ShapeFunctions.tile(F, s(-1, 3), s(2), v(5, 2), "Tile"));
    assertOutput(F, s(0, 3), ShapeFunctions.tile(F, s(-1, 3), s(2), v(0, 1), "Tile"));
    assertOutput(F, s(2, -1), ShapeFunctions.tile(F, s(2, 3), s(2), v(1, -1), "Tile"));
  }

  @Test
  void tileWithUnknownMultiplesKeepsTheRank() {
    assertOutput(F, s(-1, -1), ShapeFunctions.tile(F, s(2, 3), s(2), null, "Tile"));
    assertOutput(F, s(-1, -1, -1), ShapeFunctions.tile(F, UNKNOWN, s(3), null, "Tile"));
    assertOutput(F, s(-1, -1), ShapeFunctions.tile(F, s(2, 3), s(-1), null, "Tile"));
    assertOutput(F, UNKNOWN, ShapeFunctions.tile(F, UNKNOWN, s(-1), null, "Tile"));
    assertOutput(F, UNKNOWN, ShapeFunctions.tile(F, UNKNOWN, UNKNOWN, null, "Tile"));
    // A dimension of 1 multiplied by an unknown multiple is unknown; one of 0 stays 0.
    assertOutput(F, s(-1, 0), ShapeFunctions.tile(F, s(1, 0), s(2), null, "Tile"));
  }

  @Test
  void tileRejectsMultiplesOfTheWrongLength() {
    assertError("Shape must be rank 2 but is rank 3 for 'Tile' (op: 'Tile') with input shapes: [2,3], [3].",
        () -> ShapeFunctions.tile(F, s(2, 3), s(3), v(1, 2, 3), "Tile"));
    assertError("Shape must be rank 1 but is rank 2 for 'tile_1' (op: 'Tile') with input shapes: [2,3], [1,2].",
        () -> ShapeFunctions.tile(F, s(2, 3), s(1, 2), null, "tile_1"));
  }

  // ---------------------------------------------------------------------------------------------
  // Transpose, InvertPermutation

  @Test
  void transposeWithAConstantPermutation() {
    assertOutput(F, s(4, 2, 3), ShapeFunctions.transpose(F, s(2, 3, 4), s(3), v(2, 0, 1), "transpose"));
    assertOutput(F, s(-1, 2, 3), ShapeFunctions.transpose(F, s(2, 3, -1), s(3), v(2, 0, 1), "transpose"));
    assertOutput(F, s(-1, -1, -1), ShapeFunctions.transpose(F, UNKNOWN, s(3), v(2, 0, 1), "transpose"));
    // TF's shape function reads a negative entry from the end (the kernel rejects it).
    assertOutput(F, s(4, 2, 3), ShapeFunctions.transpose(F, s(2, 3, 4), s(3), v(-1, 0, 1), "transpose"));
  }

  @Test
  void transposeWithAnUnknownPermutation() {
    assertOutput(F, s(-1, -1), ShapeFunctions.transpose(F, s(2, 3), s(2), null, "transpose"));
    assertOutput(F, s(-1, -1, -1), ShapeFunctions.transpose(F, UNKNOWN, s(3), null, "transpose"));
    assertOutput(F, UNKNOWN, ShapeFunctions.transpose(F, UNKNOWN, s(-1), null, "transpose"));
    assertOutput(F, UNKNOWN, ShapeFunctions.transpose(F, UNKNOWN, s(1), null, "transpose"));
  }

  @Test
  void transposeErrors() {
    assertError("Dimension must be 3 but is 2 for 'transpose' (op: 'Transpose') with input shapes: [2,3,4], [2].",
        () -> ShapeFunctions.transpose(F, s(2, 3, 4), s(2), v(1, 0), "transpose"));
    assertError("perm dim 3 is out of range of input rank 3 for 'transpose' (op: 'Transpose') with input shapes: "
        + "[2,3,4], [3] and with computed input tensors: input[1] = <0 1 3>.",
        () -> ShapeFunctions.transpose(F, s(2, 3, 4), s(3), v(0, 1, 3), "transpose"));
  }

  @Test
  void invertPermutationIsAVector() {
    assertOutput(DType.INT32, s(5), ShapeFunctions.invertPermutation(DType.INT32, s(5), "p"));
    assertOutput(DType.INT64, s(-1), ShapeFunctions.invertPermutation(DType.INT64, UNKNOWN, "p"));
    assertError("Shape must be rank 1 but is rank 0 for 'p' (op: 'InvertPermutation') with input shapes: [].",
        () -> ShapeFunctions.invertPermutation(DType.INT32, s(), "p"));
  }

  // ---------------------------------------------------------------------------------------------
  // ExpandDims, Squeeze

  @Test
  void expandDimsWithAConstantDim() {
    assertOutput(F, s(1, 2, 3), ShapeFunctions.expandDims(F, s(2, 3), s(), v(0), "ExpandDims"));
    assertOutput(F, s(2, 3, 1), ShapeFunctions.expandDims(F, s(2, 3), s(), v(-1), "ExpandDims"));
    assertOutput(F, s(-1, 1, 3), ShapeFunctions.expandDims(F, s(-1, 3), s(1), v(1), "ExpandDims"));
    assertOutput(F, s(1), ShapeFunctions.expandDims(F, s(), s(), v(0), "ExpandDims"));
    assertOutput(F, UNKNOWN, ShapeFunctions.expandDims(F, s(2, 3), s(), null, "ExpandDims"));
    assertOutput(F, UNKNOWN, ShapeFunctions.expandDims(F, UNKNOWN, s(), v(0), "ExpandDims"));
    assertError("dim 3 not in the interval [-3, 2]. for 'ExpandDims' (op: 'ExpandDims') with input shapes: [2,3], "
        + "[] and with computed input tensors: input[1] = <3>.",
        () -> ShapeFunctions.expandDims(F, s(2, 3), s(), v(3), "ExpandDims"));
  }

  @Test
  void squeezeRemovesKnownOnes() {
    assertOutput(F, s(2, 3), ShapeFunctions.squeeze(F, s(1, 2, 1, 3), new int[0], "Squeeze"));
    assertOutput(F, s(2, 1, 3), ShapeFunctions.squeeze(F, s(1, 2, 1, 3), new int[] {0}, "Squeeze"));
    assertOutput(F, s(1, 2, 3), ShapeFunctions.squeeze(F, s(1, 2, -1, 3), new int[] {-2}, "Squeeze"));
    assertOutput(F, UNKNOWN, ShapeFunctions.squeeze(F, s(1, 2, -1), new int[0], "Squeeze"));
    assertOutput(F, UNKNOWN, ShapeFunctions.squeeze(F, UNKNOWN, new int[] {0}, "Squeeze"));
    assertError("Can not squeeze dim[1], expected a dimension of 1, got 2 for 'Squeeze' (op: 'Squeeze') with input "
        + "shapes: [1,2].", () -> ShapeFunctions.squeeze(F, s(1, 2), new int[] {1}, "Squeeze"));
    assertError("squeeze_dims[0] not in [-2,2). for 'Squeeze' (op: 'Squeeze') with input shapes: [1,2].",
        () -> ShapeFunctions.squeeze(F, s(1, 2), new int[] {2}, "Squeeze"));
  }

  // ---------------------------------------------------------------------------------------------
  // BroadcastGradientArgs, DynamicStitch, Range, ConcatOffset, AddN

  @Test
  void broadcastGradientArgsAreTwoVectorsOfUnknownLength() {
    Output[] out = ShapeFunctions.broadcastGradientArgs(DType.INT32, s(2), s(-1), "BroadcastGradientArgs");
    assertOutput(DType.INT32, s(-1), out[0]);
    assertOutput(DType.INT32, s(-1), out[1]);
    assertOutput(DType.INT64, s(-1), ShapeFunctions.broadcastGradientArgs(DType.INT64, UNKNOWN, UNKNOWN, "b")[1]);
    assertError("Shape must be rank 1 but is rank 0 for 'b' (op: 'BroadcastGradientArgs') with input shapes: [2], [].",
        () -> ShapeFunctions.broadcastGradientArgs(DType.INT32, s(2), s(), "b"));
  }

  @Test
  void dynamicStitchShapes() {
    // The TF documentation's example: indices 6, [4, 1], [[5, 2], [0, 3]] with data rows of 2.
    Shape[] indices = {s(), s(2), s(2, 2)};
    Shape[] data = {s(2), s(2, 2), s(2, 2, 2)};
    assertOutput(F, s(7, 2), ShapeFunctions.dynamicStitch(F, indices,
        new long[][] {v(6), v(4, 1), v(5, 2, 0, 3)}, data, "DynamicStitch"));
    assertOutput(F, s(-1, 2), ShapeFunctions.dynamicStitch(F, indices,
        new long[][] {v(6), null, v(5, 2, 0, 3)}, data, "DynamicStitch"));
    assertOutput(F, s(-1, 2), ShapeFunctions.dynamicStitch(F, indices, null, data, "DynamicStitch"));
    // Data whose indices have an unknown rank adds nothing to the shape.
    assertOutput(F, s(-1, -1), ShapeFunctions.dynamicStitch(F, new Shape[] {s(-1), UNKNOWN},
        null, new Shape[] {s(-1, -1), s(3, 2)}, "DynamicStitch"));
    assertOutput(F, UNKNOWN, ShapeFunctions.dynamicStitch(F, new Shape[] {UNKNOWN}, null,
        new Shape[] {s(3, 2)}, "DynamicStitch"));
    // The gradient of a reduction to rank 1: dynamic_stitch([range(2), axes], [shape, ones]) is a vector of 2.
    assertOutput(DType.INT32, s(2), ShapeFunctions.dynamicStitch(DType.INT32, new Shape[] {s(2), s(1)},
        new long[][] {v(0, 1), v(1)}, new Shape[] {s(2), s(1)}, "DynamicStitch"));
  }

  @Test
  void dynamicStitchErrors() {
    assertError("Dimensions must be equal, but are 3 and 2 for 'ds' (op: 'DynamicStitch') with input shapes: [2], [3].",
        () -> ShapeFunctions.dynamicStitch(F, new Shape[] {s(2)}, null, new Shape[] {s(3)}, "ds"));
    assertError("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'ds' (op: "
        + "'DynamicStitch') with input shapes: [1], [1], [1,2], [1,3].",
        () -> ShapeFunctions.dynamicStitch(F, new Shape[] {s(1), s(1)}, null, new Shape[] {s(1, 2), s(1, 3)}, "ds"));
  }

  @Test
  void rangeLengthFromConstants() {
    assertOutput(DType.INT32, s(4), ShapeFunctions.range(DType.INT32, s(), s(), s(), 0, 10, 3, "range"));
    assertOutput(DType.INT64, s(4), ShapeFunctions.range(DType.INT64, s(), s(), s(), 10L, 0L, -3L, "range"));
    assertOutput(F, s(4), ShapeFunctions.range(F, s(), s(), s(), 0f, 1f, 0.25f, "range"));
    assertOutput(DType.FLOAT64, s(4), ShapeFunctions.range(DType.FLOAT64, s(), s(), s(), 1.0, 2.6, 0.5, "range"));
    assertOutput(DType.INT32, s(-1), ShapeFunctions.range(DType.INT32, s(), s(), s(), 0, null, 1, "range"));
    assertError("Requires start <= limit when delta > 0: 5/1 for 'range' (op: 'Range') with input shapes: [], [], [] "
        + "and with computed input tensors: input[0] = <5>, input[1] = <1>, input[2] = <1>.",
        () -> ShapeFunctions.range(DType.INT32, s(), s(), s(), 5, 1, 1, "range"));
    assertError("Requires delta != 0 for 'range' (op: 'Range') with input shapes: [], [], [] and with computed input "
        + "tensors: input[0] = <0>, input[1] = <1.5>, input[2] = <0>.",
        () -> ShapeFunctions.range(F, s(), s(), s(), 0f, 1.5f, 0f, "range"));
    assertError("Shape must be rank 0 but is rank 1\n\t for 'limit' for 'range' (op: 'Range') with input shapes: [], "
        + "[2], [].", () -> ShapeFunctions.range(DType.INT32, s(), s(2), s(), 0, null, 1, "range"));
  }

  @Test
  void concatOffsetOutputsAreTheShapeInputs() {
    Output[] out = ShapeFunctions.concatOffset(s(), new Shape[] {s(4), s(-1)}, "ConcatOffset");
    assertOutput(DType.INT32, s(4), out[0]);
    assertOutput(DType.INT32, s(-1), out[1]);
  }

  @Test
  void addNMergesItsInputs() {
    assertOutput(F, s(2, 3), ShapeFunctions.addN(F, new Shape[] {s(-1, 3), UNKNOWN, s(2, -1)}, "AddN"));
    assertOutput(F, UNKNOWN, ShapeFunctions.addN(F, new Shape[] {UNKNOWN, UNKNOWN}, "AddN"));
    assertError("Dimension 1 in both shapes must be equal, but are 3 and 4. Shapes are [2,3] and [2,4].\n\tFrom "
        + "merging shape 0 with other shapes. for 'AddN' (op: 'AddN') with input shapes: [2,3], [2,4].",
        () -> ShapeFunctions.addN(F, new Shape[] {s(2, 3), s(2, 4)}, "AddN"));
    assertError("Shapes must be equal rank, but are 1 and 2\n\tFrom merging shape 1 with other shapes. for 'AddN' "
        + "(op: 'AddN') with input shapes: [2], [2], [2,1].",
        () -> ShapeFunctions.addN(F, new Shape[] {s(2), s(2), s(2, 1)}, "AddN"));
  }

  // ---------------------------------------------------------------------------------------------
  // Reductions, broadcasting binary ops, Fill

  @Test
  void reductionShapes() {
    assertOutput(F, s(2), ShapeFunctions.reduction(F, s(2, 3), s(), v(1), false, "Prod", "Prod"));
    assertOutput(F, s(1, 3), ShapeFunctions.reduction(F, s(2, 3), s(1), v(-2), true, "Max", "Max"));
    assertOutput(F, s(), ShapeFunctions.reduction(F, s(2, 3), s(2), v(0, 1), false, "Max", "Max"));
    assertOutput(F, s(-1, -1), ShapeFunctions.reduction(F, s(2, 3), s(1), null, true, "Max", "Max"));
    assertOutput(F, UNKNOWN, ShapeFunctions.reduction(F, s(2, 3), s(1), null, false, "Max", "Max"));
    assertOutput(F, UNKNOWN, ShapeFunctions.reduction(F, UNKNOWN, s(1), v(0), true, "Max", "Max"));
    assertError("Invalid reduction dimension 2 for input with 2 dimensions. for 'Max' (op: 'Max') with input shapes: "
        + "[2,3], [] and with computed input tensors: input[1] = <2>.",
        () -> ShapeFunctions.reduction(F, s(2, 3), s(), v(2), false, "Max", "Max"));
    assertError("Shape must be at most rank 1 but is rank 2 for 'Max' (op: 'Max') with input shapes: [2,3], [1,1].",
        () -> ShapeFunctions.reduction(F, s(2, 3), s(1, 1), null, false, "Max", "Max"));
  }

  @Test
  void floorDivBroadcastsAndFillReadsItsDims() {
    assertOutput(DType.INT32, s(2, 3), ShapeFunctions.broadcastBinary(DType.INT32, s(2, 1), s(3), "fd", "FloorDiv"));
    assertOutput(F, s(2, 3), ShapeFunctions.fill(F, s(2), s(), v(2, 3), "Fill"));
    assertOutput(F, s(-1, -1), ShapeFunctions.fill(F, s(2), s(), null, "Fill"));
    assertError("Fill dimensions must be >= 0 for 'Fill' (op: 'Fill') with input shapes: [2], [] and with input "
        + "tensors computed as partial shapes: input[0] = [2,?].", () -> ShapeFunctions.fill(F, s(2), s(), v(2, -1), "Fill"));
  }

  // ---------------------------------------------------------------------------------------------
  // NN ops

  @Test
  void biasAddShapes() {
    assertOutput(F, s(-1, 3), ShapeFunctions.biasAdd(F, s(-1, -1), s(3), "NHWC", "BiasAdd"));
    assertOutput(F, s(8, 4, 4, 3), ShapeFunctions.biasAdd(F, s(8, 4, 4, -1), s(3), null, "BiasAdd"));
    assertOutput(F, s(8, 3, 4, 4), ShapeFunctions.biasAdd(F, s(8, -1, 4, 4), s(3), "NCHW", "BiasAdd"));
    assertOutput(F, UNKNOWN, ShapeFunctions.biasAdd(F, UNKNOWN, s(3), "NHWC", "BiasAdd"));
    assertError("Dimensions must be equal, but are 3 and 4 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [2,3], [4].",
        () -> ShapeFunctions.biasAdd(F, s(2, 3), s(4), "NHWC", "BiasAdd"));
    assertError("Shape must be at least rank 2 but is rank 1 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [3], [3].",
        () -> ShapeFunctions.biasAdd(F, s(3), s(3), "NHWC", "BiasAdd"));
    assertOutput(F, s(3), ShapeFunctions.biasAddGrad(F, s(-1, 3), "NHWC", "BiasAddGrad"));
    assertOutput(F, s(3), ShapeFunctions.biasAddGrad(F, s(8, 3, 4, 4), "NCHW", "BiasAddGrad"));
    assertOutput(F, s(-1), ShapeFunctions.biasAddGrad(F, UNKNOWN, "NHWC", "BiasAddGrad"));
  }

  @Test
  void activationGradientShapes() {
    assertOutput(F, s(2, 3), ShapeFunctions.reluGrad(F, s(-1, 3), s(2, -1), "ReluGrad"));
    assertError("Dimension 0 in both shapes must be equal, but are 2 and 4. Shapes are [2,3] and [4,3]. for "
        + "'ReluGrad' (op: 'ReluGrad') with input shapes: [2,3], [4,3].",
        () -> ShapeFunctions.reluGrad(F, s(2, 3), s(4, 3), "ReluGrad"));
    assertOutput(F, s(2, -1), ShapeFunctions.sigmoidGrad(F, s(2, -1), s(2, 3)));
    assertOutput(F, s(-1), ShapeFunctions.tanhGrad(F, s(-1), UNKNOWN));
    assertOutput(F, s(2, 3), ShapeFunctions.logSoftmax(F, s(2, 3), "LogSoftmax"));
    assertError("Shape must be at least rank 1 but is rank 0 for 'LogSoftmax' (op: 'LogSoftmax') with input "
        + "shapes: [].", () -> ShapeFunctions.logSoftmax(F, s(), "LogSoftmax"));
  }

  @Test
  void softmaxCrossEntropyShapes() {
    Output[] out = ShapeFunctions.softmaxCrossEntropyWithLogits(F, s(-1, 10), s(32, -1), "xent");
    assertOutput(F, s(32), out[0]);
    assertOutput(F, s(32, 10), out[1]);
    Output[] unknown = ShapeFunctions.softmaxCrossEntropyWithLogits(F, UNKNOWN, UNKNOWN, "xent");
    assertOutput(F, s(-1), unknown[0]);
    assertOutput(F, s(-1, -1), unknown[1]);
    Output[] broadcast = ShapeFunctions.softmaxCrossEntropyWithLogits(F, s(4, 10), s(1, 10), "xent");
    assertOutput(F, s(4), broadcast[0]);
    assertOutput(F, s(4, 10), broadcast[1]);
    assertError("Shape must be broadcasted with rank 2, but is rank 1 for 'xent' (op: "
        + "'SoftmaxCrossEntropyWithLogits') with input shapes: [10], [10].",
        () -> ShapeFunctions.softmaxCrossEntropyWithLogits(F, s(10), s(10), "xent"));
    assertError("Dimensions must be equal, but are 10 and 9 for 'xent' (op: 'SoftmaxCrossEntropyWithLogits') with "
        + "input shapes: [4,10], [4,9].", () -> ShapeFunctions.softmaxCrossEntropyWithLogits(F, s(4, 10), s(4, 9), "xent"));
  }

  @Test
  void sparseSoftmaxCrossEntropyShapes() {
    Output[] out = ShapeFunctions.sparseSoftmaxCrossEntropyWithLogits(F, s(-1, 10), s(32), "xent");
    assertOutput(F, s(32), out[0]);
    assertOutput(F, s(32, 10), out[1]);
    assertError("Dimensions must be equal, but are 4 and 5 for 'xent' (op: 'SparseSoftmaxCrossEntropyWithLogits') "
        + "with input shapes: [4,10], [5].",
        () -> ShapeFunctions.sparseSoftmaxCrossEntropyWithLogits(F, s(4, 10), s(5), "xent"));
    assertError("Shape must be rank 1 but is rank 2 for 'xent' (op: 'SparseSoftmaxCrossEntropyWithLogits') with "
        + "input shapes: [4,10], [4,1].",
        () -> ShapeFunctions.sparseSoftmaxCrossEntropyWithLogits(F, s(4, 10), s(4, 1), "xent"));
  }

  // ---------------------------------------------------------------------------------------------
  // Training ops

  @Test
  void trainingOpsOutputTheMergedVariableShape() {
    assertOutput(F, s(2, 3), ShapeFunctions.applyGradientDescent(F, s(2, -1), s(), s(-1, 3), "GD"));
    assertOutput(F, s(2, 3), ShapeFunctions.applyMomentum(F, s(2, 3), UNKNOWN, s(), s(2, 3), s(), "M"));
    Shape sc = s();
    assertOutput(DType.FLOAT64, s(5), ShapeFunctions.applyAdam(DType.FLOAT64, s(-1), s(5), UNKNOWN, sc, sc, sc, sc,
        sc, sc, s(5), "Adam"));
    assertOutput(F, s(4), ShapeFunctions.applyRMSProp(F, s(4), s(4), s(4), sc, sc, sc, sc, s(-1), "RMS"));
    assertOutput(F, s(4), ShapeFunctions.applyCenteredRMSProp(F, s(4), s(-1), s(4), s(4), sc, sc, sc, sc, s(4), "C"));
    assertOutput(F, s(2), ShapeFunctions.applyAdagrad(F, s(2), s(2), UNKNOWN, s(2), "Adagrad"));
    assertOutput(DType.INT32, s(2), ShapeFunctions.assignAdd(DType.INT32, s(-1), s(2), "AssignAdd"));
    assertOutput(F, s(2), ShapeFunctions.assignSub(F, s(2), s(2), "AssignSub"));
  }

  @Test
  void trainingOpErrorsFollowTfsOrder() {
    Shape sc = s();
    assertError("Shape must be rank 0 but is rank 1 for 'Adam' (op: 'ApplyAdam') with input shapes: [2], [2], [2], "
        + "[], [1], [], [], [], [], [2].",
        () -> ShapeFunctions.applyAdam(F, s(2), s(2), s(2), sc, s(1), sc, sc, sc, sc, s(2), "Adam"));
    // The slots are merged before the hyper-parameters are checked.
    assertError("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'M' (op: "
        + "'ApplyMomentum') with input shapes: [2], [3], [1], [2], [].",
        () -> ShapeFunctions.applyMomentum(F, s(2), s(3), s(1), s(2), sc, "M"));
    assertError("Shapes must be equal rank, but are 1 and 2 for 'GD' (op: 'ApplyGradientDescent') with input "
        + "shapes: [2], [], [2,1].", () -> ShapeFunctions.applyGradientDescent(F, s(2), sc, s(2, 1), "GD"));
    assertError("Shape must be rank 0 but is rank 1 for 'A' (op: 'ApplyAdagrad') with input shapes: [2], [2], [2], [2].",
        () -> ShapeFunctions.applyAdagrad(F, s(2), s(2), s(2), s(2), "A"));
  }

  // ---------------------------------------------------------------------------------------------
  // Number printing

  @Test
  void numbersPrintAsTfsStrCat() {
    assertEquals("5", TfFormat.number(5f));
    assertEquals("1.5", TfFormat.number(1.5f));
    assertEquals("0.1", TfFormat.number(0.1f));
    assertEquals("0.1", TfFormat.number(0.1));
    assertEquals("1e-08", TfFormat.number(1e-8f));
    assertEquals("1e+10", TfFormat.number(1e10f));
    assertEquals("10000000000", TfFormat.number(1e10));
    assertEquals("123456", TfFormat.number(123456f));
    assertEquals("1234567", TfFormat.number(1234567f)); // 6 digits do not read back: 9 are used
    assertEquals("0.333333343", TfFormat.number(1f / 3));
    assertEquals("0.33333333333333331", TfFormat.number(1.0 / 3));
    assertEquals("-0", TfFormat.number(-0f));
    assertEquals("inf", TfFormat.number(Float.POSITIVE_INFINITY));
    assertEquals("nan", TfFormat.number(Double.NaN));
    assertEquals("0.0001", TfFormat.number(1e-4));
    assertEquals("[1 2][3 4]", TfFormat.summarize(NdArray.of(new int[][] {{1, 2}, {3, 4}}), 256));
    assertEquals("1 2 3...", TfFormat.summarize(NdArray.of(1, 2, 3, 4), 3));
    assertEquals("7", TfFormat.summarize(NdArray.scalar(7L), 256));
  }
}
