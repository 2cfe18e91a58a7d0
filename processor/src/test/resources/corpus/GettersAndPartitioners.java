package corpus;

import io.scopegraph.CustomGetter;
import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Partitioner;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizer;
import io.scopegraph.Regularizers;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VariableGetter;
import io.scopegraph.VariableRequest;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * Custom getters and partitioners decide what getVariable creates: the analysis predicts nothing inside their
 * scopes (the literal names are not the variables' names) and stays silent; regularizers change no name.
 */
@Model
public abstract class GettersAndPartitioners {
  protected final Ops tf;

  protected GettersAndPartitioners(Ops tf) {
    this.tf = tf;
  }

  /** Stores every variable under another name: getVariable("w") creates renamed/w_fp32. */
  public static final class Renaming implements CustomGetter {
    @Override
    public Tensor get(VariableGetter getter, VariableRequest request) {
      return getter.get(request.withName(request.name() + "_fp32"));
    }
  }

  public static final class TwoShards implements Partitioner {
    @Override
    public int[] partitions(Shape shape, DType dtype) {
      return Partitioners.fixedSize(2).partitions(shape, dtype);
    }
  }

  public static final class L2 implements Regularizer {
    @Override
    public Tensor apply(Tensor weights) {
      return Regularizers.l2(0.1).apply(weights);
    }
  }

  /** renamed/w_fp32, not renamed/w. */
  @VariableScope(value = "renamed", customGetter = Renaming.class)
  public Tensor renamed(Tensor x) {
    return tf.add(x, tf.getVariable("w", Shape.of(4)));
  }

  /** sharded/s (a scalar ignores the partitioner), sharded/t/part_0 and part_1. */
  @VariableScope(value = "sharded", partitioner = TwoShards.class)
  public Tensor sharded(Tensor x) {
    Tensor s = tf.getVariable("s", Shape.scalar());
    Tensor t = tf.getVariableBuilder("t").shape(Shape.of(4, 4)).getPartitioned().asTensor();
    return tf.matMul(tf.mul(x, s), t);
  }

  /** A helper called inside the getter's scope: its variable is renamed there too. */
  protected Tensor helper(Tensor x) {
    return tf.add(x, tf.getVariable("h", Shape.of(4)));
  }

  /** renamed2/h_fp32: the getter covers the methods it calls. */
  @VariableScope(value = "renamed2", customGetter = Renaming.class)
  public Tensor renamedHelper(Tensor x) {
    return helper(x);
  }

  /** regularized/w with its loss: a regularizer changes no name, so this is predicted completely. */
  @VariableScope(value = "regularized", regularizer = L2.class)
  public Tensor regularized(Tensor x) {
    return tf.add(x, tf.getVariable("w", Shape.of(4)));
  }

  /** Everything above from one root: only regularized/w and h are predicted, the rest is not. */
  public Tensor all(Tensor x) {
    return tf.add(helper(regularized(renamedHelper(renamed(x)))), sharded(x));
  }
}
