package io.scopegraph;

import io.scopegraph.kernels.SessionState;
import io.scopegraph.kernels.RandomKernels;
import java.util.List;

/**
 * Sources and state: constants, placeholders, variables and their assignment, random ops, {@code NoOp}.
 * {@code Placeholder} and {@code VariableV2} have no kernel: the session puts fed values and variable
 * values in place itself.
 */
final class StateOpDefs {
  private StateOpDefs() {}

  static List<OpDef> all() {
    return List.of(
        OpDef.builder("Const").inputs()
            .shape(node -> {
              NdArray value = constValue(node.attr("value"));
              if (node.hasAttr("dtype") && node.attr("dtype") != value.dtype()) {
                throw new IllegalArgumentException("Node '" + node.name() + "' (op 'Const') has dtype "
                    + node.attr("dtype") + " but a value of dtype " + value.dtype());
              }
              return OpContext.one(value.dtype(), value.shape());
            })
            .kernelOf((op, state) -> {
              // An NdArray, or a Java value OpBuilder users may set (converted on each run: it may be mutable).
              Object value = op.attr("value");
              return value instanceof NdArray array ? in -> array : in -> NdArray.of(value);
            })
            .notDifferentiable()
            .build(),
        OpDef.builder("Placeholder").inputs()
            .shape(node -> OpContext.one(node.attr("dtype", DType.class),
                node.hasAttr("shape") ? node.attr("shape", Shape.class) : Shape.unknown()))
            .notDifferentiable()
            .build(),
        OpDef.builder("PlaceholderWithDefault").inputs("input")
            .shape(node -> {
              Shape shape = node.attr("shape", Shape.class);
              if (!node.input(0).shape().isCompatibleWith(shape)) {
                throw new IncompatibleShapesException("Node '" + node.name() + "' (op 'PlaceholderWithDefault') "
                    + "has shape " + shape + " but an input of shape " + node.input(0).shape());
              }
              return OpContext.one(node.input(0).dtype(), shape);
            })
            .kernelOf((op, state) -> in -> in[0]) // passes its input through unless fed
            .gradient((tf, op, grads) -> grads)
            .build(),
        OpDef.builder("VariableV2").inputs()
            .shape(node -> OpContext.one(node.attr("dtype", DType.class), node.attr("shape", Shape.class)))
            .build(),
        OpDef.builder("Assign").inputs("ref", "value").refInputs(0)
            .shape(node -> {
              node.requireSameDType(0, "ref", 1, "value");
              return OpContext.one(node.input(0).dtype(), node.input(0).shape());
            })
            .kernelOf((op, state) -> in -> assign(op, state, in[1]))
            .notDifferentiable()
            .build(),
        OpDef.builder("NoOp").inputs()
            .shape(node -> List.of())
            .kernelOf((op, state) -> in -> null)
            .build(),
        random("RandomUniform"),
        random("RandomStandardNormal"),
        random("TruncatedNormal"));
  }

  private static NdArray constValue(Object value) {
    return value instanceof NdArray array ? array : NdArray.of(value);
  }

  private static OpDef random(String type) {
    return OpDef.builder(type).inputs("shape")
        .shape(node -> OpContext.one(node.attr("dtype", DType.class), node.shapeFromInput(0)))
        .kernelOf((op, state) -> {
          DType dtype = op.output(0).dtype();
          return in -> RandomKernels.sample(type, dtype, in[0], state.generator(op));
        })
        .notDifferentiable()
        .build();
  }

  /**
   * Stores {@code value} in the variable of input 0. With {@code validate_shape} the value must fit the
   * variable's static shape.
   */
  private static NdArray assign(Operation op, SessionState state, NdArray value) {
    Tensor ref = op.input(0);
    Operation variable = ControlFlowOpDefs.variableBehind(ref); // through a cond's RefSwitch
    if (variable == null) {
      throw new InvalidArgumentException(op.type() + " '" + op.name() + "' needs a variable as input 0, got " + ref);
    }
    if (Boolean.TRUE.equals(op.attr("validate_shape")) && !value.shape().isCompatibleWith(ref.shape())) {
      throw new InvalidArgumentException("Assign requires shapes of both tensors to match. lhs shape= "
          + ref.shape().toDimsString() + " rhs shape= " + value.shape().toDimsString());
    }
    state.write(variable, value);
    return value;
  }
}
