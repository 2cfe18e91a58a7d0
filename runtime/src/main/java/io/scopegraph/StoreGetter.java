package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The end of every getter chain (TF's {@code _true_getter}): the variable store logic of
 * {@code _VariableStore}, for single variables ({@code _get_single_variable}: reuse checks, creation,
 * regularizer, constraint) and partitioned ones ({@code _get_partitioned_variable}: partitioner checks, one
 * single variable per shard). Each call is atomic.
 */
final class StoreGetter implements VariableGetter {
  private final Ops tf;
  private final Graph graph;
  private final String scopeName; // the variable scope of the call, for messages

  StoreGetter(Ops tf, String scopeName) {
    this.tf = tf;
    this.graph = tf.graph();
    this.scopeName = scopeName;
  }

  @Override
  public Tensor get(VariableRequest r) {
    return graph.atomically(() -> {
      String name = r.name();
      if (appliesPartitioner(r)) {
        throw new VariableKindException("Variable " + name + " is partitioned (by the partitioner of this call or of "
            + "variable scope '" + scopeName + "'; shape " + shapeText(r.shape()) + "), so getVariable gives a "
            + "PartitionedVariable, which is not a tensor: call getPartitioned() instead of get() or value().");
      }
      if (r.reuse() == Reuse.TRUE && r.partitioner() == null && graph.storedPartitioned(name) != null) {
        throw new VariableKindException("Variable " + name + " is a partitioned variable (reused in variable scope '"
            + scopeName + "'): call getPartitioned() instead of get() or value().");
      }
      if (graph.storedVariable(name + "/part_0") != null) {
        throw new PartitionMismatchException("No partitioner was provided, but a partitioned version of the variable "
            + "was found: " + name + "/part_0. Perhaps a variable of the same name was already created with "
            + "partitioning?");
      }
      return single(name, r.shape(), r.dtype(), r.init(), r.regularizer(), r.reuse(), r.trainable(), r.collections(),
          r.constraint(), null);
    });
  }

  @Override
  public PartitionedVariable getPartitioned(VariableRequest r) {
    return graph.atomically(() -> tf.atRoot(() -> {
      if (appliesPartitioner(r)) {
        return partitioned(r);
      }
      if (r.reuse() == Reuse.TRUE && r.partitioner() == null && graph.storedPartitioned(r.name()) != null) {
        return partitioned(r);
      }
      String why = r.partitioner() == null
          ? "has no partitioner (none was given to this call or set on variable scope '" + scopeName + "')"
          : "is a scalar, which is never partitioned";
      throw new VariableKindException("Variable " + r.name() + " " + why
          + ", so it is not a partitioned variable: call get() or value() instead of getPartitioned().");
    }));
  }

  /** TF's test: a partitioner is set and the shape is not given as a scalar. */
  private static boolean appliesPartitioner(VariableRequest r) {
    Shape shape = r.shape();
    return r.partitioner() != null && !(shape != null && shape.rank() == 0);
  }

  private static String shapeText(Shape shape) {
    return shape == null ? "from the initial value" : shape.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // One variable

  /**
   * {@code _get_single_variable}: shares or creates {@code name}; {@code fullShape} is the whole variable's
   * shape when this is a shard (for the initializer), else null. Under the lock.
   */
  private Variable single(String name, Shape shape, DType type, Object init, Regularizer regularizer, Reuse reuse,
      boolean trainable, List<String> collections, Constraint constraint, Shape fullShape) {
    boolean fromValue = init != null && !(init instanceof Initializer) && !(init instanceof Supplier);
    if (shape != null && fromValue) {
      throw new InvalidInitializerException("If initializer is a constant, do not specify shape.");
    }
    Shape requested = shape == null ? Shape.unknown() : shape;

    Variable found = graph.storedVariable(name);
    if (found != null) {
      if (reuse == Reuse.FALSE) {
        throw new VariableAlreadyExistsException("Variable " + name + " already exists, disallowed. Did you mean "
            + "to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope? Originally defined at:\n\n"
            + Variables.formatSite(found.creationSite()));
      }
      if (!requested.isCompatibleWith(found.shape())) {
        throw new VariableShapeMismatchException("Trying to share variable " + name + ", but specified shape "
            + requested + " and found shape " + found.shape() + ".");
      }
      if (type != found.dtype()) {
        throw new VariableDTypeMismatchException("Trying to share variable " + name + ", but specified dtype "
            + type + " and found dtype " + found.dtype() + ".");
      }
      return found;
    }
    if (reuse == Reuse.TRUE) {
      throw new VariableNotFoundException("Variable " + name + " does not exist, or was not created with "
          + "getVariable(). Did you mean to set reuse=Reuse.AUTO in VarScope?");
    }

    Object initialValue;
    DType variableType;
    if (fromValue) {
      initialValue = init;
      variableType = null;
    } else {
      Initializer fn = init instanceof Initializer i ? i : init == null ? defaultInitializer(type) : null;
      if (fn != null && requested.isFullyDefined()) {
        initialValue = (Supplier<Tensor>) () -> fullShape == null ? fn.create(tf, requested, type)
            : fn.createShard(tf, requested, type, fullShape);
        variableType = type;
      } else if (fn == null) {
        initialValue = init; // a no-argument function
        variableType = null;
      } else {
        throw new InvalidInitializerException("The initializer passed is not valid. It should be a callable with no "
            + "arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and "
            + "`shape` should be fully defined.");
      }
    }
    Variable v = Variables.create(tf, initialValue, name, variableType, trainable, collections);
    v.setCreationSite(Variables.callerFrames());
    v.setConstraint(constraint);
    graph.storeVariable(name, v);

    if (regularizer != null) {
      Tensor loss = graph.colocatedWith(v.op(),
          () -> tf.inNameScope(name + "/Regularizer/", scope -> regularizer.apply(v)));
      if (loss != null) {
        graph.addToCollectionLocked(Graph.REGULARIZATION_LOSSES, loss);
      }
    }
    return v;
  }

  /** TF's {@code _get_default_initializer}: Glorot-uniform for floating dtypes, zeros otherwise. */
  private static Initializer defaultInitializer(DType type) {
    return type.isFloating() ? Initializers.glorotUniform() : Initializers.zeros();
  }

  // ---------------------------------------------------------------------------------------------
  // Partitioned variables

  /** {@code _get_partitioned_variable}. At the root name scope, under the lock. */
  private PartitionedVariable partitioned(VariableRequest r) {
    String name = r.name();
    Partitioner partitioner = r.partitioner();
    Reuse reuse = r.reuse();
    DType dtype = r.dtype();
    Object init = r.init();
    if (graph.storedVariable(name) != null) {
      throw new PartitionMismatchException("A partitioner was provided, but an unpartitioned version of the variable "
          + "was found: " + name + ".  Perhaps a variable of the same name was already created without partitioning?");
    }
    Shape shape = r.shape() == null ? Shape.unknown() : r.shape();
    if (init instanceof Tensor t) {
      shape = merge(shape, t.shape());
    }
    int[] partitions = null;
    if (reuse == Reuse.FALSE || partitioner != null) {
      partitions = callPartitioner(partitioner, shape, dtype);
    }

    PartitionedVariable existing = graph.storedPartitioned(name);
    if (existing != null) {
      if (reuse == Reuse.FALSE) {
        throw new VariableAlreadyExistsException("Partitioned variable with name " + name + " already exists. Did you "
            + "mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?");
      }
      if (!shape.isCompatibleWith(existing.shape())) {
        throw new VariableShapeMismatchException("Trying to reuse partitioned variable " + name + ", but specified "
            + "shape " + shape + " and found shape " + existing.shape() + ".");
      }
      if (dtype != existing.dtype()) {
        throw new VariableDTypeMismatchException("Trying to reuse partitioned variable " + name + ", but specified "
            + "dtype " + dtype + " and found dtype " + existing.dtype() + ".");
      }
      if (partitions != null && !Arrays.equals(partitions, existing.partitions())) {
        throw new PartitionMismatchException("Trying to reuse partitioned variable " + name + ", but specified "
            + "partitions " + Arrays.toString(partitions) + " and found partitions "
            + Arrays.toString(existing.partitions()) + ".");
      }
      return existing;
    }
    if (reuse == Reuse.TRUE) {
      throw new VariableNotFoundException("PartitionedVariable " + name + " does not exist, or was not created with "
          + "getVariable(). Did you mean to set reuse=Reuse.FALSE or reuse=Reuse.AUTO in VarScope?");
    }

    int sliceDim = 0;
    int numSlices = 1;
    for (int i = 0; i < partitions.length; i++) {
      if (partitions[i] > 1) {
        sliceDim = i;
        numSlices = partitions[i];
        break;
      }
    }
    if (graph.storedVariable(name + "/part_0") != null) {
      if (graph.storedVariable(name + "/part_" + (numSlices - 1)) == null) {
        throw new PartitionMismatchException("Partitioner returned a different partitioning than what was already "
            + "found.  Partitioner returned " + numSlices + " shards, and shard " + name + "/part_0 was found, but "
            + name + "/part_" + (numSlices - 1) + " was not.");
      }
      if (graph.storedVariable(name + "/part_" + numSlices) != null) {
        throw new PartitionMismatchException("Partitioner returned a different partitioning than what was already "
            + "found.  Partitioner returned " + numSlices + " shards, and shard " + name + "/part_0 was found, but "
            + "so was the extra shard " + name + "/part_" + numSlices + ".");
      }
    }

    long[] full = shape.dims();
    long excess = full[sliceDim] % numSlices;
    long minLength = full[sliceDim] / numSlices;
    long[] offset = new long[full.length];
    List<Variable> shards = new ArrayList<>(numSlices);
    DType shardType = dtype;
    for (int i = 0; i < numSlices; i++) {
      long[] shardDims = full.clone();
      shardDims[sliceDim] = minLength + (i < excess ? 1 : 0);
      Shape shardShape = Shape.of(shardDims);
      String shardName = name + "/part_" + i;
      int[] begin = Ops.toInts(offset);
      Object[] shardInit = new Object[1];
      Shape initShape = tf.inNameScope(shardName + "/PartitionedInitializer", scope -> {
        if (init == null || init instanceof Initializer) {
          shardInit[0] = init;
          return shardShape;
        }
        if (init instanceof Supplier) {
          throw new InvalidInitializerException("A no-argument initial-value function cannot initialize the shards "
              + "of partitioned variable " + name + ": give an Initializer, or a constant to slice.");
        }
        Tensor whole = init instanceof Tensor t ? t : tf.toTensor(init, r.dtype(), "Const");
        shardInit[0] = tf.slice(whole, begin, Ops.toInts(shardDims));
        return null;
      });
      if (init instanceof Tensor t) {
        shardType = t.dtype(); // TF takes the dtype of a tensor initial value
      }
      Variable shard = single(shardName, initShape, shardType, shardInit[0], r.regularizer(), reuse, r.trainable(),
          r.collections(), r.constraint(), shape);
      if (shard.saveSliceInfo() == null) {
        shard.setSaveSliceInfo(new Variable.SaveSliceInfo(name, shape, offset, shardDims));
      }
      shards.add(shard);
      offset[sliceDim] += shardDims[sliceDim];
    }
    PartitionedVariable result = new PartitionedVariable(name, shape, shardType, shards, partitions);
    graph.storePartitioned(name, result);
    return result;
  }

  /** TF's {@code _call_partitioner}: checks the shape, calls the partitioner, checks its answer. */
  private static int[] callPartitioner(Partitioner partitioner, Shape shape, DType dtype) {
    if (!shape.isFullyDefined()) {
      throw new InvalidPartitionerException("Shape of a new partitioned variable must be fully defined, but instead "
          + "was " + shape + ".");
    }
    if (shape.rank() < 1) {
      throw new InvalidPartitionerException("A partitioned Variable must have rank at least 1, shape: " + shape);
    }
    int[] slicing = partitioner.partitions(shape, dtype);
    if (slicing == null) {
      throw new InvalidPartitionerException("Partitioner must return a sequence, but saw: null");
    }
    String list = Arrays.toString(slicing);
    if (slicing.length != shape.rank()) {
      throw new InvalidPartitionerException("Partitioner returned a partition list that does not match the "
          + "Variable's rank: " + list + " vs. " + shape);
    }
    int sliced = 0;
    for (int p : slicing) {
      if (p < 1) {
        throw new InvalidPartitionerException("Partitioner returned zero partitions for some axes: " + list);
      }
      if (p > 1) {
        sliced++;
      }
    }
    if (sliced > 1) {
      throw new InvalidPartitionerException("Can only slice a variable along one dimension: shape: " + shape
          + ", partitioning: " + list);
    }
    return slicing.clone();
  }

  /** TF's {@code TensorShape.merge_with}. */
  private static Shape merge(Shape a, Shape b) {
    if (!a.hasKnownRank()) {
      return b;
    }
    if (!b.hasKnownRank()) {
      return a;
    }
    if (!a.isCompatibleWith(b)) {
      throw new IncompatibleShapesException("Shapes " + a + " and " + b + " are not compatible");
    }
    long[] dims = a.dims();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        dims[i] = b.dim(i);
      }
    }
    return Shape.of(dims);
  }
}
