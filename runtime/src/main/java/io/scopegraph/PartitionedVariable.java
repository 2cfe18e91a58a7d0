package io.scopegraph;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A variable split into shards along one axis ({@code tf.PartitionedVariable}), made by {@code getVariable}
 * with a {@link Partitioner}: shards {@code <name>/part_0}, {@code <name>/part_1}, … (ordinary variables in
 * the global and trainable collections; the first shards take the remainder of an uneven split). It is not a
 * tensor itself: {@link #asTensor()} builds the concatenated value.
 */
public final class PartitionedVariable implements Iterable<Variable> {
  private final String name;
  private final Shape shape;
  private final DType dtype;
  private final List<Variable> shards;
  private final int[] partitions;

  PartitionedVariable(String name, Shape shape, DType dtype, List<Variable> shards, int[] partitions) {
    this.name = name;
    this.shape = shape;
    this.dtype = dtype;
    this.shards = List.copyOf(shards);
    this.partitions = partitions.clone();
  }

  /** The full name, e.g. {@code scope0/name0}: no {@code :0}, since no op has it. */
  public String name() {
    return name;
  }

  /** The shape of the whole variable. */
  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return dtype;
  }

  /** The number of shards per axis, e.g. {@code [2, 1, 1]}. */
  public int[] partitions() {
    return partitions.clone();
  }

  /** The shards in order. */
  public List<Variable> shards() {
    return shards;
  }

  @Override
  public Iterator<Variable> iterator() {
    return shards.iterator();
  }

  public Graph graph() {
    return shards.get(0).graph();
  }

  /**
   * TF's {@code as_tensor()}: the shards concatenated along the partitioned axis, as new ops at the root: a
   * {@code ConcatV2} in the absolute scope {@code <name>/ConcatPartitions/concat}, then an {@code Identity}
   * named {@code <name>}, so the tensor is {@code <name>:0} (one shard: just the {@code Identity}). Each call
   * builds new ops ({@code <name>_1:0} the second time), as in TF.
   */
  public Tensor asTensor() {
    Ops tf = Ops.on(graph());
    return graph().atomically(() -> tf.atRoot(() -> {
      Tensor value;
      if (shards.size() == 1) {
        value = shards.get(0);
      } else {
        int axis = 0;
        for (int i = 0; i < partitions.length; i++) {
          if (partitions[i] > 1) {
            axis = i;
          }
        }
        int concatAxis = axis;
        value = tf.inNameScope(name + "/ConcatPartitions/", s -> tf.concat(shards, concatAxis));
      }
      return tf.identity(value, name);
    }));
  }

  @Override
  public String toString() {
    return "<PartitionedVariable '" + name + "' shape=" + shape + " dtype=" + dtype + " partitions="
        + Arrays.toString(partitions) + ">";
  }
}
