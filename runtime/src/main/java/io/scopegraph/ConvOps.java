package io.scopegraph;

import java.util.List;

/**
 * The bodies of the convolution and pooling functions of {@link Ops} ({@code tf.nn.conv2d}, {@code max_pool},
 * {@code avg_pool}, {@code conv2d_backprop_input/filter}): arguments processed as TF's Python does
 * ({@link ConvArgs}), then one op in scope {@code name} (else the op type), named after the scope. Atomic.
 */
final class ConvOps {
  private static final String CONV_TYPES = "float16, bfloat16, float32, float64, int32";
  private static final String POOL_TYPES = "float16, bfloat16, float32, float64";
  private static final String MAX_POOL_TYPES =
      "float16, bfloat16, float32, float64, int32, int64, uint8, int16, int8, uint16, qint8";

  private ConvOps() {}

  static Tensor conv2d(Ops tf, Tensor input, Tensor filter, int[] strides, String padding, String dataFormat,
      int[] dilations, String name) {
    String format = dataFormat == null ? "NHWC" : dataFormat;
    List<Long> s = ConvArgs.sequence(strides, format, "strides");
    List<Long> d = ConvArgs.sequence(dilations, format, "dilations");
    return build(tf, "Conv2D", name, new Tensor[] {input, filter}, () -> {
      ConvArgs.dtype("Conv2D", input, "input", CONV_TYPES, DType.FLOAT32, DType.FLOAT64, DType.INT32);
      checkSameDType("Conv2D", input, filter, "input", "filter");
      return convAttrs("Conv2D", input.dtype(), s, padding, format, d);
    });
  }

  static Tensor conv2dBackpropInput(Ops tf, Tensor inputSizes, Tensor filter, Tensor outBackprop, int[] strides,
      String padding, String dataFormat, int[] dilations, String name) {
    String format = dataFormat == null ? "NHWC" : dataFormat;
    return build(tf, "Conv2DBackpropInput", name, new Tensor[] {inputSizes, filter, outBackprop}, () -> {
      ConvArgs.dtype("Conv2DBackpropInput", inputSizes, "input_sizes", "int32", DType.INT32);
      ConvArgs.dtype("Conv2DBackpropInput", filter, "filter", CONV_TYPES, DType.FLOAT32, DType.FLOAT64,
          DType.INT32);
      checkSameDType("Conv2DBackpropInput", filter, outBackprop, "filter", "out_backprop");
      return convAttrs("Conv2DBackpropInput", filter.dtype(), ConvArgs.list(strides), padding, format,
          dilationList(dilations));
    });
  }

  static Tensor conv2dBackpropFilter(Ops tf, Tensor input, Tensor filterSizes, Tensor outBackprop, int[] strides,
      String padding, String dataFormat, int[] dilations, String name) {
    String format = dataFormat == null ? "NHWC" : dataFormat;
    return build(tf, "Conv2DBackpropFilter", name, new Tensor[] {input, filterSizes, outBackprop}, () -> {
      ConvArgs.dtype("Conv2DBackpropFilter", input, "input", CONV_TYPES, DType.FLOAT32, DType.FLOAT64,
          DType.INT32);
      ConvArgs.dtype("Conv2DBackpropFilter", filterSizes, "filter_sizes", "int32", DType.INT32);
      checkSameDType("Conv2DBackpropFilter", input, outBackprop, "input", "out_backprop");
      return convAttrs("Conv2DBackpropFilter", input.dtype(), ConvArgs.list(strides), padding, format,
          dilationList(dilations));
    });
  }

  /** {@code tf.nn.max_pool} (v1) and {@code tf.nn.avg_pool} (v1); only max_pool rejects a zero in ksize. */
  static Tensor pool(Ops tf, String type, Tensor value, int[] ksize, int[] strides, String padding,
      String dataFormat, String name) {
    String format = dataFormat == null ? "NHWC" : dataFormat;
    List<Long> k = ConvArgs.sequence(ksize, format, "ksize");
    List<Long> s = ConvArgs.sequence(strides, format, "strides");
    if (type.equals("MaxPool") && k.contains(0L)) {
      throw new InvalidOpArgumentException("ksize cannot be zero.");
    }
    return build(tf, type, name, new Tensor[] {value}, () -> {
      if (type.equals("MaxPool")) {
        ConvArgs.dtype(type, value, "input", MAX_POOL_TYPES, DType.FLOAT32, DType.FLOAT64, DType.INT32,
            DType.INT64);
      } else {
        ConvArgs.dtype(type, value, "value", POOL_TYPES, DType.FLOAT32, DType.FLOAT64);
      }
      ConvArgs.allowed(type, "padding", padding, ConvArgs.POOL_PADDINGS);
      ConvArgs.allowed(type, "data_format", format, type.equals("MaxPool") ? ConvArgs.POOL_FORMATS
          : ConvArgs.CONV_FORMATS);
      ConvArgs.supported(type, "data_format", format, "\"NHWC\" or \"NCHW\"");
      return new Object[] {"T", value.dtype(), "ksize", k, "strides", s, "padding", padding,
          "data_format", format};
    });
  }

  /** The attributes of the three convolution ops, after the op-def library's checks of padding and format. */
  private static Object[] convAttrs(String type, DType t, List<Long> strides, String padding, String format,
      List<Long> dilations) {
    ConvArgs.allowed(type, "padding", padding, ConvArgs.CONV_PADDINGS);
    ConvArgs.allowed(type, "data_format", format, ConvArgs.CONV_FORMATS);
    ConvArgs.supported(type, "padding", padding, "\"SAME\" or \"VALID\"");
    return new Object[] {"T", t, "strides", strides, "use_cudnn_on_gpu", true, "padding", padding,
        "explicit_paddings", List.of(), "data_format", format, "dilations", dilations};
  }

  private static List<Long> dilationList(int[] dilations) {
    return dilations == null ? List.of(1L, 1L, 1L, 1L) : ConvArgs.list(dilations);
  }

  private static void checkSameDType(String type, Tensor x, Tensor y, String xArg, String yArg) {
    if (x.dtype() != y.dtype()) {
      throw new DTypeMismatchException("Input '" + yArg + "' of '" + type + "' Op has type " + y.dtype()
          + " that does not match type " + x.dtype() + " of argument '" + xArg + "'.");
    }
  }

  private static Tensor build(Ops tf, String type, String name, Tensor[] inputs,
      java.util.function.Supplier<Object[]> attrs) {
    Graph graph = tf.graph();
    return graph.atomically(() -> {
      for (Tensor t : inputs) {
        graph.checkValuesFromThisGraph(t, null);
      }
      Object[] a = attrs.get();
      Tensor[] in = new Tensor[inputs.length];
      for (int i = 0; i < in.length; i++) {
        in[i] = inputs[i].value();
      }
      return tf.inScopeLocked(name, type, scope -> graph.addNode(type, scope, in, a));
    });
  }
}
