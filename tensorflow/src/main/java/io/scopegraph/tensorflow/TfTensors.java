package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.DoubleDataBuffer;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.IntDataBuffer;
import org.tensorflow.ndarray.buffer.LongDataBuffer;
import org.tensorflow.ndarray.buffer.BooleanDataBuffer;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Copies values between scopegraph's {@link NdArray} and TensorFlow Java's tensors. */
final class TfTensors {
  private TfTensors() {}

  static org.tensorflow.Tensor toTensorFlow(NdArray value) {
    org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(value.shape().dims());
    return switch (value.dtype()) {
      case FLOAT32 -> TFloat32.tensorOf(shape, DataBuffers.of(value.toFloatArray(), true, false));
      case FLOAT64 -> TFloat64.tensorOf(shape, DataBuffers.of(value.toDoubleArray(), true, false));
      case INT32 -> TInt32.tensorOf(shape, DataBuffers.of(value.toIntArray(), true, false));
      case INT64 -> TInt64.tensorOf(shape, DataBuffers.of(value.toLongArray(), true, false));
      case BOOL -> TBool.tensorOf(shape, DataBuffers.of(value.toBooleanArray(), true, false));
      case STRING -> {
        byte[][] bytes = new byte[value.size()][];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = value.getBytes(i);
        }
        yield TString.tensorOfBytes(shape, DataBuffers.ofObjects(bytes));
      }
    };
  }

  static NdArray fromTensorFlow(org.tensorflow.Tensor t) {
    Shape shape = Shape.of(t.shape().asArray());
    int n = Math.toIntExact(t.shape().size());
    if (t instanceof TFloat32 f) {
      FloatDataBuffer buf = DataBuffers.ofFloats(n);
      f.copyTo(buf);
      float[] out = new float[n];
      buf.read(out);
      return NdArray.create(DType.FLOAT32, shape, out);
    }
    if (t instanceof TFloat64 d) {
      DoubleDataBuffer buf = DataBuffers.ofDoubles(n);
      d.copyTo(buf);
      double[] out = new double[n];
      buf.read(out);
      return NdArray.create(DType.FLOAT64, shape, out);
    }
    if (t instanceof TInt32 i) {
      IntDataBuffer buf = DataBuffers.ofInts(n);
      i.copyTo(buf);
      int[] out = new int[n];
      buf.read(out);
      return NdArray.create(DType.INT32, shape, out);
    }
    if (t instanceof TInt64 l) {
      LongDataBuffer buf = DataBuffers.ofLongs(n);
      l.copyTo(buf);
      long[] out = new long[n];
      buf.read(out);
      return NdArray.create(DType.INT64, shape, out);
    }
    if (t instanceof TBool b) {
      BooleanDataBuffer buf = DataBuffers.ofBooleans(n);
      b.copyTo(buf);
      boolean[] out = new boolean[n];
      buf.read(out);
      return NdArray.create(DType.BOOL, shape, out);
    }
    if (t instanceof TString s) {
      byte[][] out = new byte[n][];
      int[] i = {0};
      s.asBytes().scalars().forEach(e -> out[i[0]++] = e.getObject());
      return NdArray.create(DType.STRING, shape, out);
    }
    throw new IllegalArgumentException("Unsupported TensorFlow dtype " + t.dataType());
  }
}
