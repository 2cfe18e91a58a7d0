package io.scopegraph;

import io.scopegraph.kernels.ConvKernels;
import io.scopegraph.kernels.ConvShapeFunctions;
import io.scopegraph.kernels.PoolKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution and pooling ops with TF 1.15's input names and attributes ({@code nn_ops.cc}): {@code Conv2D},
 * {@code Conv2DBackpropInput}, {@code Conv2DBackpropFilter}, {@code MaxPool}, {@code MaxPoolGrad},
 * {@code AvgPool}, {@code AvgPoolGrad}.
 */
final class ConvOpDefs {
  private ConvOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("Conv2D").inputs("input", "filter")
        .shape(node -> {
          node.requireSameDType(0, "input", 1, "filter");
          return ShapeOpDefs.one(ConvShapeFunctions.conv2d(node.dtypeOfInput(0), node.input(0).shape(),
              node.input(1).shape(), ints(node, "strides"), dilations(node), node.attr("padding").toString(),
              format(node), node.name()));
        })
        .kernelOf((op, state) -> {
          Window w = new Window(op);
          return in -> ConvKernels.conv2d(in[0], in[1], w.strides, w.dilations, w.padding, w.format);
        })
        .gradient(ConvGrad::conv2d)
        .build());
    defs.add(OpDef.builder("Conv2DBackpropInput").inputs("input_sizes", "filter", "out_backprop")
        .shape(node -> {
          node.requireSameDType(1, "filter", 2, "out_backprop");
          return ShapeOpDefs.one(ConvShapeFunctions.conv2dBackpropInput(node.input(1).dtype(),
              node.input(0).shape(), node.input(1).shape(), node.input(2).shape(), node.constantInts(0),
              node.name()));
        })
        .kernelOf((op, state) -> {
          Window w = new Window(op);
          return in -> ConvKernels.conv2dBackpropInput(in[0], in[1], in[2], w.strides, w.dilations, w.padding,
              w.format);
        })
        .gradient(ConvGrad::conv2dBackpropInput)
        .build());
    defs.add(OpDef.builder("Conv2DBackpropFilter").inputs("input", "filter_sizes", "out_backprop")
        .shape(node -> {
          node.requireSameDType(0, "input", 2, "out_backprop");
          return ShapeOpDefs.one(ConvShapeFunctions.conv2dBackpropFilter(node.input(0).dtype(),
              node.input(0).shape(), node.input(1).shape(), node.input(2).shape(), node.constantInts(1),
              node.name()));
        })
        .kernelOf((op, state) -> {
          Window w = new Window(op);
          return in -> ConvKernels.conv2dBackpropFilter(in[0], in[1], in[2], w.strides, w.dilations, w.padding,
              w.format);
        })
        .gradient(ConvGrad::conv2dBackpropFilter)
        .build());
    defs.add(pool("MaxPool", "input", ConvGrad::maxPool, w -> in -> PoolKernels.maxPool(in[0], w.ksize, w.strides,
        w.padding, w.format)));
    defs.add(pool("AvgPool", "value", ConvGrad::avgPool, w -> in -> PoolKernels.avgPool(in[0], w.ksize, w.strides,
        w.padding, w.format)));
    defs.add(OpDef.builder("MaxPoolGrad").inputs("orig_input", "orig_output", "grad")
        .shape(node -> {
          node.requireSameDType(0, "orig_input", 2, "grad");
          return ShapeOpDefs.one(ConvShapeFunctions.maxPoolGrad(node.dtypeOfInput(0), node.input(0).shape(),
              node.input(1).shape(), node.input(2).shape(), node.name()));
        })
        .kernelOf((op, state) -> {
          Window w = new Window(op);
          return in -> PoolKernels.maxPoolGrad(in[0], in[1], in[2], w.ksize, w.strides, w.padding, w.format);
        })
        .build());
    defs.add(OpDef.builder("AvgPoolGrad").inputs("orig_input_shape", "grad")
        .shape(node -> ShapeOpDefs.one(ConvShapeFunctions.avgPoolGrad(node.input(1).dtype(), node.input(0).shape(),
            node.input(1).shape(), node.constantInts(0), node.name())))
        .kernelOf((op, state) -> {
          Window w = new Window(op);
          return in -> PoolKernels.avgPoolGrad(in[0], in[1], w.ksize, w.strides, w.padding, w.format);
        })
        .build());
    return defs;
  }

  private static OpDef pool(String type, String inputName, GradientFunction gradient,
      java.util.function.Function<Window, io.scopegraph.kernels.Kernel> kernel) {
    return OpDef.builder(type).inputs(inputName)
        .shape(node -> ShapeOpDefs.one(ConvShapeFunctions.pool(type, node.dtypeOfInput(0), node.input(0).shape(),
            ints(node, "ksize"), ints(node, "strides"), node.attr("padding").toString(), format(node),
            node.name())))
        .kernelOf((op, state) -> kernel.apply(new Window(op)))
        .gradient(gradient)
        .build();
  }

  /** The window attributes of a node, read once when its kernel is resolved. */
  private static final class Window {
    final long[] strides;
    final long[] dilations;
    final long[] ksize;
    final String padding;
    final String format;

    Window(Operation op) {
      strides = longs(op.attr("strides"));
      Object d = op.attr("dilations");
      dilations = d == null ? new long[] {1, 1, 1, 1} : longs(d);
      Object k = op.attr("ksize");
      ksize = k == null ? null : longs(k);
      padding = String.valueOf(op.attr("padding"));
      Object f = op.attr("data_format");
      format = f == null ? "NHWC" : f.toString();
    }
  }

  private static long[] ints(OpContext node, String key) {
    return longs(node.attr(key));
  }

  private static long[] dilations(OpContext node) {
    return node.hasAttr("dilations") ? longs(node.attr("dilations")) : new long[] {1, 1, 1, 1};
  }

  private static String format(OpContext node) {
    return node.hasAttr("data_format") ? node.attr("data_format").toString() : "NHWC";
  }

  /** A list attribute of integers ({@code List<Long>} as the facade and the GraphDef importer store them). */
  static long[] longs(Object attr) {
    if (attr instanceof long[] a) {
      return a.clone();
    }
    if (attr instanceof List<?> list) {
      long[] out = new long[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Long || list.get(i) instanceof Integer)) { // an imported graph may hold any list
          throw new IllegalArgumentException("Expected a list of ints, got " + attr);
        }
        out[i] = ((Number) list.get(i)).longValue();
      }
      return out;
    }
    throw new IllegalArgumentException("Expected a list of ints, got " + attr);
  }
}
