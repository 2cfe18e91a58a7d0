package io.scopegraph;

import java.util.List;

/**
 * TensorFlow's shape function of an op type: the dtype and static shape of every output, from the node's
 * inputs and attributes, before the node is added. It also rejects inputs that cannot fit, with TF's wording
 * ({@link IncompatibleShapesException}, {@link DTypeMismatchException}), so a bad node is never added.
 */
@FunctionalInterface
public interface ShapeFunction {
  List<OutputSpec> outputs(OpContext node);
}
