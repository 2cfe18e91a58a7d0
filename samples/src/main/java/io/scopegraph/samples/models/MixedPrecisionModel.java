package io.scopegraph.samples.models;

import io.scopegraph.CustomGetter;
import io.scopegraph.DType;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VariableGetter;
import io.scopegraph.VariableRequest;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/**
 * Mixed precision with a custom getter: the layers compute in float64 (the scope's dtype) while their trainable
 * variables are stored as float32 and cast on use. (Real mixed precision computes in float16; the runtime has
 * no float16, so this casts to float64: the same getter, the same names.) The equivalent TensorFlow 1.15 code:
 *
 * <pre>
 * def float32_variable_storage_getter(getter, name, shape=None, dtype=None, initializer=None,
 *                                     regularizer=None, trainable=True, *args, **kwargs):
 *   storage_dtype = tf.float32 if trainable else dtype
 *   variable = getter(name, shape, dtype=storage_dtype, initializer=initializer,
 *                     regularizer=regularizer, trainable=trainable, *args, **kwargs)
 *   if trainable and dtype != tf.float32:
 *     variable = tf.cast(variable, dtype)
 *   return variable
 *
 * def dense(name, x, units):
 *   with tf.variable_scope(name, "dense", [x], custom_getter=float32_variable_storage_getter,
 *                          dtype=tf.float64):
 *     w = tf.get_variable("kernel", [x.shape[1], units])
 *     b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
 *     return tf.add(tf.matmul(x, w), b)
 *
 * def forward(x):
 *   return dense("output", tf.nn.relu(dense("hidden", x, 4)), 2)
 * </pre>
 */
@Model
public abstract class MixedPrecisionModel {
  protected final Ops tf;

  protected MixedPrecisionModel(Ops tf) {
    this.tf = tf;
  }

  /**
   * {@code float32_variable_storage_getter}: trainable variables are created (or found) as float32 and handed
   * out cast to the dtype the scope asked for; the cast runs at the root name scope, as every custom getter's
   * ops do ({@code Cast}, {@code Cast_1}, …).
   */
  public static final class Float32Storage implements CustomGetter {
    @Override
    public Tensor get(VariableGetter getter, VariableRequest request) {
      DType wanted = request.dtype();
      DType storage = request.trainable() ? DType.FLOAT32 : wanted;
      Tensor variable = getter.get(request.withDtype(storage));
      if (request.trainable() && wanted != DType.FLOAT32) {
        variable = Ops.on(variable.graph()).cast(variable, wanted);
      }
      return variable;
    }
  }

  /** A dense layer computing in float64 on float32 variables. */
  @VariableScope(defaultName = "dense", customGetter = Float32Storage.class, dtype = DType.FLOAT64)
  public Tensor dense(@ScopeName String name, Tensor x, int units) {
    Tensor w = tf.getVariableBuilder("kernel").shape(Shape.of(x.shape().dim(1), units)).value();
    Tensor b = tf.getVariableBuilder("bias").shape(Shape.of(units)).initializer(Initializers.zeros()).value();
    return tf.add(tf.matMul(x, w), b);
  }

  /** Two layers. */
  public Tensor forward(Tensor x) {
    return dense("output", tf.relu(dense("hidden", x, 4)), 2);
  }
}
