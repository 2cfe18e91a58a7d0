package io.scopegraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code tf.gradients} call, as TF 1.15's {@code gradients_util._GradientsHelper}: the name scope, the
 * initial gradients, the reached/between sets and pending counts, the FIFO walk from the {@code ys} calling
 * each op's {@link GradientFunction} in its {@code <op>_grad} scope, aggregation and the result. Runs inside
 * the caller's {@link Graph#atomically}, under the graph lock.
 */
final class GradientBuilder {
  private final Ops tf;
  private final Graph graph;
  private final GradientOptions options;
  /**
   * Per op: for each output, an {@code ArrayList<TensorLike>} of gradients until aggregated, then a
   * {@link TensorLike} (a Tensor or an IndexedSlices) or null.
   */
  private final Map<Operation, Object[]> grads = new HashMap<>();

  GradientBuilder(Ops tf, GradientOptions options) {
    this.tf = tf;
    this.graph = tf.graph();
    this.options = options == null ? GradientOptions.defaults() : options;
  }

  /** Each x's gradient as TF returns it: a {@link Tensor}, an {@link IndexedSlices}, or null. */
  List<TensorLike> build(List<? extends Tensor> ysIn, List<? extends Tensor> xsIn) {
    List<Tensor> gradYsIn = options.gradYs();
    List<Tensor> all = new ArrayList<>();
    all.addAll(ysIn);
    all.addAll(xsIn);
    all.addAll(options.stopGradients());
    if (gradYsIn != null) {
      for (Tensor t : gradYsIn) {
        if (t != null) {
          all.add(t);
        }
      }
    }
    graph.checkValuesFromThisGraph(all);
    tf.inScopeLocked(options.name(), "gradients", scope -> {
      graph.uniqueName("uid");
      List<Tensor> ys = new ArrayList<>();
      for (Tensor y : ysIn) {
        ys.add(y.value());
      }
      List<Tensor> xs = new ArrayList<>(xsIn); // as_ref: a variable stays its own tensor
      List<Tensor> gradYs = defaultGradYs(gradYsIn, ys);
      walk(ys, xs, gradYs);
      return null;
    });
    List<TensorLike> result = new ArrayList<>();
    for (Tensor x : xsIn) {
      result.add(getGrad(x));
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------

  private List<Tensor> defaultGradYs(List<Tensor> gradYs, List<Tensor> ys) {
    if (gradYs != null && gradYs.size() != ys.size()) {
      throw new ScopeGraphException("Passed " + gradYs.size() + " grad_ys for " + ys.size() + " ys");
    }
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      Tensor y = ys.get(i);
      Tensor gy = gradYs == null ? null : gradYs.get(i);
      if (gy == null) {
        Tensor shape = tf.shapeOf(y, true, null);
        Tensor one = tf.constOp(Conversions.toDType(NdArray.scalar(1), y.dtype()), "grad_ys_" + i);
        out.add(tf.inScopeLocked(null, "Fill", s -> graph.addNode("Fill", s, new Tensor[] {shape, one},
            new Object[] {"T", y.dtype(), "index_type", DType.INT32})));
        continue;
      }
      gy = gy.value();
      if ((y.dtype().isFloating() || y.dtype().isInteger()) && !(gy.dtype().isFloating() || gy.dtype().isInteger())) {
        throw new DTypeMismatchException("Gradient type " + gy.dtype() + " generated for real or integer-valued "
            + "tensor " + y + " with type " + y.dtype() + " must be real or integer");
      }
      out.add(tf.identity(gy, "grad_ys_" + i));
    }
    return out;
  }

  private static boolean backpropagatable(Tensor t) {
    return t.dtype().isFloating();
  }

  private void walk(List<Tensor> ys, List<Tensor> xs, List<Tensor> gradYs) {
    List<Operation> toOps = new ArrayList<>();
    for (Tensor y : ys) {
      toOps.add(y.op());
    }
    List<Operation> fromOps = new ArrayList<>();
    for (Tensor x : xs) {
      fromOps.add(x.op());
    }
    List<Operation> stopGradientOps = new ArrayList<>();
    for (Tensor t : options.stopGradients()) {
      stopGradientOps.add(t.op()); // a variable stops at its own op, as TF takes `t.op`
    }

    // _MarkReachedOps: forward from the xs through floating outputs.
    Map<Tensor, List<Operation>> consumers = new HashMap<>();
    for (Operation op : graph.opsFrom(0)) {
      for (Tensor in : op.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
      }
    }
    Set<Operation> reached = new HashSet<>();
    ArrayDeque<Operation> queue = new ArrayDeque<>(fromOps);
    while (!queue.isEmpty()) {
      Operation op = queue.poll();
      if (reached.add(op)) {
        for (Tensor out : op.outputs()) {
          if (backpropagatable(out)) {
            queue.addAll(consumers.getOrDefault(out, List.of()));
          }
        }
      }
    }
    Set<Operation> reachableToOps = new HashSet<>();
    for (Operation op : toOps) {
      if (reached.contains(op)) {
        reachableToOps.add(op);
      }
    }
    // Between ops: backwards from the ys, within the reached ones.
    Set<Operation> between = new HashSet<>();
    List<Operation> betweenList = new ArrayList<>();
    queue.addAll(toOps);
    while (!queue.isEmpty()) {
      Operation op = queue.poll();
      if (reached.remove(op)) {
        between.add(op);
        betweenList.add(op);
        for (Tensor in : op.inputs()) {
          queue.add(in.op());
        }
      }
    }
    Map<Operation, Integer> pending = new HashMap<>();
    for (Operation op : betweenList) {
      for (Tensor in : op.inputs()) {
        if (between.contains(in.op())) {
          pending.merge(in.op(), 1, Integer::sum);
        }
      }
    }

    for (int i = 0; i < ys.size(); i++) {
      setGrad(ys.get(i), gradYs.get(i));
    }
    Set<Operation> toOpsSet = new HashSet<>();
    for (Operation op : toOps) {
      boolean ready = pending.getOrDefault(op, 0) == 0;
      if (ready && !toOpsSet.contains(op) && reachableToOps.contains(op)) {
        toOpsSet.add(op);
        queue.add(op);
      }
    }
    // _StopOps
    Set<Operation> stopOps = new HashSet<>();
    for (Operation op : fromOps) {
      boolean isStop = true;
      for (Tensor in : op.inputs()) {
        if (pending.getOrDefault(in.op(), 0) > 0) {
          isStop = false;
          break;
        }
      }
      if (isStop) {
        stopOps.add(op);
      }
    }
    stopOps.addAll(stopGradientOps);

    while (!queue.isEmpty()) {
      Operation op = queue.poll();
      Object[] outGrads = aggregatedGrads(op);
      boolean hasOutGrads = false;
      for (Object g : outGrads) {
        hasOutGrads |= g != null;
      }
      GradientFunction gradFn = null;
      SparseGradientFunction sparseFn = null;
      if (hasOutGrads && !stopOps.contains(op)) {
        OpDef def = OpRegistry.find(op.type());
        if (def == null || (def.gradient() == null && def.sparseGradient() == null && !def.isNotDifferentiable())) {
          throw new NoGradientException("No gradient defined for operation '" + op.name() + "' (op type: "
              + op.type() + ")");
        }
        gradFn = def.gradient();
        sparseFn = def.sparseGradient();
      }
      List<TensorLike> inGrads;
      if ((gradFn != null || sparseFn != null) && hasOutGrads) {
        for (int i = 0; i < outGrads.length; i++) {
          if (outGrads[i] == null && backpropagatable(op.output(i))) {
            outGrads[i] = ControlFlowGrad.zerosLikeOutsideLoop(tf, op, i);
          }
        }
        List<TensorLike> fnGrads = new ArrayList<>();
        for (Object g : outGrads) {
          fnGrads.add((TensorLike) g);
        }
        GradientFunction fn = gradFn;
        SparseGradientFunction sparse = sparseFn;
        inGrads = tf.inScopeLocked(op.name() + "_grad", null, scope -> {
          int mark = graph.lastId();
          // A dense gradient function gets IndexedSlices densified here, as TF's convert_to_tensor would inside it.
          List<? extends TensorLike> computed = sparse != null
              ? sparse.gradients(tf, op, java.util.Collections.unmodifiableList(fnGrads))
              : fn.gradients(tf, op, java.util.Collections.unmodifiableList(IndexedSlicesOps.denseAll(tf, fnGrads)));
          if (computed == null || computed.size() != op.numInputs()) {
            throw new ScopeGraphException("Num gradients " + (computed == null ? 0 : computed.size())
                + " generated for op " + op.name() + " do not match num inputs " + op.numInputs());
          }
          List<TensorLike> result = new ArrayList<>(computed);
          int nonNull = 0;
          boolean allDense = true;
          for (TensorLike t : result) {
            nonNull += t != null ? 1 : 0;
            allDense &= !(t instanceof IndexedSlices);
          }
          if (options.gateGradients() && nonNull > 1) {
            result = allDense ? new ArrayList<>(tf.tupleOp(denseList(result))) : IndexedSlicesOps.tuple(tf, result);
          }
          for (Operation created : graph.opsFrom(mark)) {
            graph.setOriginalOp(created, op);
          }
          return result;
        });
      } else {
        inGrads = Arrays.asList(new TensorLike[op.numInputs()]);
      }
      for (int i = 0; i < op.numInputs(); i++) {
        Tensor in = op.input(i);
        TensorLike grad = inGrads.get(i);
        if (grad instanceof Tensor g) {
          if (!g.shape().isCompatibleWith(in.shape())) {
            throw new IncompatibleShapesException("Incompatible shapes between op input and calculated input "
                + "gradient.  Forward operation: " + op.name() + ".  Input index: " + i + ". Original input shape: "
                + in.shape() + ".  Calculated input gradient shape: " + g.shape());
          }
          g.setShape(in.shape());
        }
        if (grad != null) {
          setGrad(in, grad);
        }
      }
      // _UpdatePendingAndEnqueueReady
      for (Tensor in : op.inputs()) {
        int count = pending.merge(in.op(), -1, Integer::sum);
        if (count == 0) {
          queue.add(in.op());
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void setGrad(Tensor t, TensorLike grad) {
    Object[] opGrads = grads.computeIfAbsent(t.op(), op -> {
      Object[] lists = new Object[op.numOutputs()];
      for (int i = 0; i < lists.length; i++) {
        lists[i] = new ArrayList<TensorLike>();
      }
      return lists;
    });
    Object slot = opGrads[t.index()];
    if (slot instanceof ArrayList<?> list) {
      ((ArrayList<TensorLike>) list).add(grad);
    }
  }

  private static List<Tensor> denseList(List<TensorLike> all) {
    List<Tensor> out = new ArrayList<>();
    for (TensorLike t : all) {
      out.add((Tensor) t);
    }
    return out;
  }

  /** {@code _AggregatedGrads}: sums each output's gradients (in place, as TF does), {@code null} for none. */
  @SuppressWarnings("unchecked")
  private Object[] aggregatedGrads(Operation op) {
    Object[] outGrads = grads.get(op);
    if (outGrads == null) {
      // TF's _GetGrads returns a fresh list without recording it: an x whose op got nothing stays unconnected.
      outGrads = new Object[op.numOutputs()];
      for (int i = 0; i < outGrads.length; i++) {
        outGrads[i] = new ArrayList<TensorLike>();
      }
    }
    for (int i = 0; i < outGrads.length; i++) {
      if (!(outGrads[i] instanceof ArrayList<?>)) {
        continue;
      }
      List<TensorLike> list = (List<TensorLike>) outGrads[i];
      if (list.isEmpty()) {
        outGrads[i] = null;
      } else if (list.size() == 1) {
        outGrads[i] = list.get(0);
      } else if (list.stream().allMatch(g -> g instanceof Tensor)) {
        outGrads[i] = aggregate(op, denseList(list));
      } else {
        outGrads[i] = IndexedSlicesOps.aggregate(tf, list);
      }
    }
    return outGrads;
  }

  private Tensor aggregate(Operation op, List<Tensor> list) {
    AggregationMethod method = options.aggregationMethod();
    Shape shape = Shape.unknown();
    for (Tensor t : list) {
      shape = shape.mergeWith(t.shape());
    }
    if (method == AggregationMethod.EXPERIMENTAL_ACCUMULATE_N && list.size() > 2 && shape.isFullyDefined()) {
      Shape accShape = shape;
      return tf.inScopeLocked(null, "AccumulateNV2", s -> graph.addNode("AccumulateNV2", s,
          list.toArray(new Tensor[0]),
          new Object[] {"N", (long) list.size(), "T", list.get(0).dtype(), "shape", accShape}));
    }
    if (method == AggregationMethod.EXPERIMENTAL_TREE || method == AggregationMethod.EXPERIMENTAL_ACCUMULATE_N) {
      return tf.inScopeLocked(op.name() + "_gradient_sum", null, s -> {
        Tensor running = list.get(0);
        for (int k = 1; k < list.size(); k++) {
          running = tf.addNOp(List.of(running, list.get(k)), null);
        }
        return running;
      });
    }
    // _MultiDeviceAddN: one add_n per device (sorted by device), then one over the partial sums.
    Map<String, List<Tensor>> byDevice = new LinkedHashMap<>();
    for (Tensor t : list) {
      byDevice.computeIfAbsent(t.op().device(), k -> new ArrayList<>()).add(t);
    }
    List<Tensor> summands = new ArrayList<>();
    for (List<Tensor> onDevice : new TreeMap<>(byDevice).values()) {
      summands.add(tf.addNOp(onDevice, null));
    }
    return tf.addNOp(summands, null);
  }

  /** {@code _GetGrad}: the aggregated gradient of {@code x}, or null / zeros when its op received none. */
  private TensorLike getGrad(Tensor x) {
    Object[] opGrads = grads.get(x.op());
    if (opGrads == null) {
      if (options.unconnectedGradients() == UnconnectedGradients.ZERO) {
        return tf.zerosLikeOp(x, null, true, true);
      }
      return null;
    }
    Object g = opGrads[x.index()];
    if (g instanceof ArrayList<?>) {
      throw new IllegalStateException("gradients list should have been aggregated by now.");
    }
    return (TensorLike) g;
  }
}
