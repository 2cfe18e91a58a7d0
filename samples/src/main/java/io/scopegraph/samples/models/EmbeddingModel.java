package io.scopegraph.samples.models;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioner;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizer;
import io.scopegraph.Regularizers;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/**
 * Two towers (query, item) sharing one embedding table that is split into 4 shards, with L2 weight decay on
 * every shard from the scope's regularizer. The equivalent TensorFlow 1.15 code:
 *
 * <pre>
 * def embed(ids):
 *   with tf.variable_scope("embedding", values=[ids], reuse=tf.AUTO_REUSE,
 *                          partitioner=tf.fixed_size_partitioner(4),
 *                          regularizer=tf.contrib.layers.l2_regularizer(0.001)):
 *     table = tf.get_variable("table", [10, 4])          # embedding/table/part_0 … part_3
 *     return tf.matmul(ids, table.as_tensor())
 *
 * def tower(name, ids):
 *   with tf.name_scope(name, "tower", [ids]):
 *     return tf.tanh(embed(ids))
 *
 * def score(query_ids, item_ids):
 *   return tf.reduce_sum(tower("query", query_ids) * tower("item", item_ids), axis=[1], name="score")
 * </pre>
 */
@Model
public abstract class EmbeddingModel {
  /** Rows of the embedding table (ids are one-hot rows of this width). */
  public static final int VOCABULARY = 10;
  /** Columns of the embedding table. */
  public static final int DIMENSION = 4;

  protected final Ops tf;

  protected EmbeddingModel(Ops tf) {
    this.tf = tf;
  }

  /** {@code tf.fixed_size_partitioner(4)} as a class the annotation can name. */
  public static final class FourShards implements Partitioner {
    private static final Partitioner SHARDS = Partitioners.fixedSize(4);

    @Override
    public int[] partitions(Shape shape, DType dtype) {
      return SHARDS.partitions(shape, dtype);
    }
  }

  /** {@code tf.contrib.layers.l2_regularizer(0.001)}: weight decay, one loss per new variable (per shard). */
  public static final class WeightDecay implements Regularizer {
    private static final Regularizer L2 = Regularizers.l2(0.001);

    @Override
    public Tensor apply(Tensor weights) {
      return L2.apply(weights);
    }
  }

  /** The embeddings of one-hot {@code ids} (batch, 10): the table is created once, then shared. */
  @VariableScope(value = "embedding", reuse = Reuse.AUTO, partitioner = FourShards.class,
      regularizer = WeightDecay.class)
  public Tensor embed(Tensor ids) {
    PartitionedVariable table = tf.getVariableBuilder("table").shape(Shape.of(VOCABULARY, DIMENSION))
        .getPartitioned();
    return tf.matMul(ids, table.asTensor());
  }

  /** One tower: its own name scope for ops, the shared table for variables. */
  @NameScope(defaultName = "tower")
  public Tensor tower(@ScopeName String name, Tensor ids) {
    return tf.tanh(embed(ids));
  }

  /** The dot product of the query and item towers, per row. */
  public Tensor score(Tensor queryIds, Tensor itemIds) {
    return tf.sum(tower("query", queryIds).mul(tower("item", itemIds)), new int[] {1}, false, "score");
  }
}
