package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.TextFormat;
import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.TensorProto;

/** Reading the forms TF writes tensors in, and the round trip of every dtype. */
class TensorProtosTest {
  private static TensorProto proto(String text) throws TextFormat.ParseException {
    return TextFormat.parse(text, TensorProto.class);
  }

  private static NdArray read(String text) throws TextFormat.ParseException {
    return TensorProtos.fromProto(proto(text), "Attr 'value' of node 'n'");
  }

  @Test
  void everyDtypeRoundTrips() {
    for (NdArray a : new NdArray[] {
        NdArray.of(new float[][] {{1.5f, -2f}, {0f, Float.MAX_VALUE}}), NdArray.of(new double[] {Math.PI, -0.0}),
        NdArray.of(new int[] {Integer.MIN_VALUE, 0, 5}), NdArray.of(new long[] {Long.MAX_VALUE, -1}),
        NdArray.of(new boolean[] {true, false, true}), NdArray.scalar(3), NdArray.scalar(true),
        NdArray.scalar("model"), NdArray.of(new String[][] {{"a", ""}, {"ü", "save/Const"}}),
        NdArray.create(DType.FLOAT32, Shape.of(0, 2), new float[0])}) {
      assertEquals(a, TensorProtos.fromProto(TensorProtos.toProto(a), "x"), a.toString());
    }
  }

  @Test
  void shortValueListIsFilledWithItsLastValue() throws TextFormat.ParseException {
    // how TF stores tf.zeros([2, 3]) and tf.fill-like constants: one value for the whole shape
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 0),
        read("dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 3 } } float_val: 0"));
    assertEquals(NdArray.of(new int[] {1, 2, 2, 2}),
        read("dtype: DT_INT32 tensor_shape { dim { size: 4 } } int_val: 1 int_val: 2"));
  }

  @Test
  void stringsAreWrittenAsTensorFlowWritesThem() throws TextFormat.ParseException {
    assertEquals(proto("dtype: DT_STRING tensor_shape { dim { size: 2 } } string_val: \"v0\" string_val: \"v1\""),
        TensorProtos.toProto(NdArray.of("v0", "v1")));
    assertEquals(NdArray.of("", ""), read("dtype: DT_STRING tensor_shape { dim { size: 2 } }"));
    // TensorFlow's C++ side (TensorFlow Java's constants) writes strings as varint lengths, then the bytes.
    assertEquals(NdArray.of("dense/kernel", "ab"), read("dtype: DT_STRING tensor_shape { dim { size: 2 } } "
        + "tensor_content: \"\\014\\002dense/kernelab\""));
  }

  @Test
  void noValuesAtAllMeansZeros() throws TextFormat.ParseException {
    assertEquals(NdArray.of(new long[] {0, 0}), read("dtype: DT_INT64 tensor_shape { dim { size: 2 } }"));
    assertEquals(NdArray.scalar(false), read("dtype: DT_BOOL tensor_shape {}"));
  }

  @Test
  void badTensorsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read("dtype: DT_INT32 tensor_shape { dim { size: 2 } } tensor_content: \"\\001\\000\\000\""));
    assertEquals("Attr 'value' of node 'n' has 3 bytes of tensor_content, but 2 values of int32 need 8",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> read("dtype: DT_FLOAT tensor_shape { dim { size: 1 } } float_val: 1 float_val: 2"));
    assertEquals("Attr 'value' of node 'n' holds 2 values for shape (1,)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read("dtype: DT_HALF tensor_shape {} half_val: 1"));
    assertEquals("Attr 'value' of node 'n' has data type DT_HALF, which the scopegraph runtime does not support "
        + "(float32, float64, int32, int64, bool, string)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> read("dtype: DT_STRING tensor_shape { dim { size: 1 } } tensor_content: \"\\003ab\""));
    assertEquals("Attr 'value' of node 'n' has string tensor_content whose lengths add up to 3 bytes, but 2 follow "
        + "them", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read("dtype: DT_FLOAT tensor_shape { dim { size: -1 } }"));
    assertEquals("Attr 'value' of node 'n' is a tensor of shape (?,), which is not fully defined", e.getMessage());
  }
}
