package com.example;

import io.scopegraph.Constraint;
import io.scopegraph.CustomGetter;
import io.scopegraph.DType;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioner;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizer;
import io.scopegraph.Regularizers;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VariableGetter;
import io.scopegraph.VariableRequest;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Every class-valued option of @VariableScope: regularizer, partitioner, custom getter, constraint. */
@Model
public abstract class ShardedTowers {
  protected final Ops tf;

  protected ShardedTowers(Ops tf) {
    this.tf = tf;
  }

  /** L2 weight decay, 0.5 * sum(w ** 2) / 2. */
  public static final class HalfL2 implements Regularizer {
    @Override
    public Tensor apply(Tensor weights) {
      return Regularizers.l2(0.5).apply(weights);
    }
  }

  /** Two shards along axis 0. */
  public static final class TwoShards implements Partitioner {
    @Override
    public int[] partitions(Shape shape, DType dtype) {
      return Partitioners.fixedSize(2).partitions(shape, dtype);
    }
  }

  /** Returns the variable doubled: ops at the root name scope (mul/y, mul). */
  public static final class Doubled implements CustomGetter {
    @Override
    public Tensor get(VariableGetter getter, VariableRequest request) {
      return getter.get(request).mul(2f);
    }
  }

  /** Non-negative weights (recorded on the variable for an optimizer). */
  public static final class NonNegative implements Constraint {
    @Override
    public Tensor apply(Tensor x) {
      return Ops.on(x.graph()).relu(x);
    }
  }

  @VariableScope(value = "model", regularizer = HalfL2.class)
  public Tensor forward(Tensor ids) {
    return dense(embed(ids));
  }

  @VariableScope(value = "embedding", reuse = Reuse.AUTO, initializer = Initializers.Ones.class,
      partitioner = TwoShards.class)
  public Tensor embed(Tensor ids) {
    PartitionedVariable table = tf.getVariableBuilder("table").shape(Shape.of(4, 3)).getPartitioned();
    return tf.matMul(ids, table.asTensor());
  }

  @VariableScope(value = "dense", regularizer = Regularizers.None.class, customGetter = Doubled.class,
      constraint = NonNegative.class)
  public Tensor dense(Tensor x) {
    Tensor w = tf.getVariableBuilder("w").shape(Shape.of(3, 2)).initializer(Initializers.constant(0.5)).value();
    return tf.matMul(x, w);
  }
}
