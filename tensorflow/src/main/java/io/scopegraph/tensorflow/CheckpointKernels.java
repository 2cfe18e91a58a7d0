package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.OpContext;
import io.scopegraph.OpDef;
import io.scopegraph.OpProvider;
import io.scopegraph.Operation;
import io.scopegraph.OutputSpec;
import io.scopegraph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * TensorFlow's checkpoint ops for the op registry (found through
 * {@code META-INF/services/io.scopegraph.OpProvider}): {@code SaveV2} writes a V2 checkpoint with
 * {@link CheckpointWriter}, {@code RestoreV2} reads one with {@link CheckpointReader}, with TensorFlow's checks
 * and texts (keys looked up in sorted order, the first missing one reported; dtype mismatches collected).
 */
public final class CheckpointKernels implements OpProvider {
  /** The provider, as the op registry's service loader makes it. */
  public CheckpointKernels() {}

  @Override
  public List<OpDef> ops() {
    return List.of(
        OpDef.builder("SaveV2")
            .inputCount(attrs -> attrs.get("dtypes") instanceof List<?> dtypes ? 3 + dtypes.size() : -1)
            .shape(node -> List.of())
            .kernel(CheckpointKernels::saveV2)
            .build(),
        OpDef.builder("RestoreV2").inputs("prefix", "tensor_names", "shape_and_slices")
            .shape(CheckpointKernels::restoreShapes)
            .kernel(CheckpointKernels::restoreV2)
            .build());
  }

  /** As TF's shape function: a slice's shape from its constant spec, a whole tensor's only when read. */
  private static List<OutputSpec> restoreShapes(OpContext node) {
    String[] specs = node.constantStrings(2);
    List<?> dtypes = node.attr("dtypes", List.class);
    List<OutputSpec> outputs = new ArrayList<>();
    for (int i = 0; i < dtypes.size(); i++) {
      if (!(dtypes.get(i) instanceof DType dtype)) { // an imported GraphDef may hold any list here
        throw new IllegalArgumentException("Attr 'dtypes' of node '" + node.name() + "' (op 'RestoreV2') must be a "
            + "list of types, got " + dtypes);
      }
      boolean slice = specs != null && i < specs.length && !specs[i].isEmpty();
      outputs.add(new OutputSpec(dtype, slice ? ShapeAndSlice.parse(specs[i]).sliceShape()
          : Shape.unknown()));
    }
    return outputs;
  }

  private static List<NdArray> saveV2(Operation op, List<NdArray> in) {
    String prefix = scalarString(in.get(0), op, "prefix");
    String[] names = in.get(1).toStringArray();
    String[] slices = in.get(2).toStringArray();
    int n = in.size() - 3;
    if (names.length != n || slices.length != n) {
      throw new io.scopegraph.InvalidArgumentException("Got " + names.length + " tensor names and " + slices.length
          + " shape_and_slices for " + n + " tensors (op '" + op.name() + "')");
    }
    try (CheckpointWriter writer = CheckpointWriter.create(prefix)) {
      for (int i = 0; i < n; i++) {
        writer.add(names[i], slices[i], in.get(3 + i));
      }
      writer.finish();
    }
    return List.of();
  }

  private static List<NdArray> restoreV2(Operation op, List<NdArray> in) {
    String prefix = scalarString(in.get(0), op, "prefix");
    String[] names = in.get(1).toStringArray();
    String[] slices = in.get(2).toStringArray();
    List<?> dtypes = (List<?>) op.attr("dtypes");
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      List<String> sorted = new ArrayList<>(List.of(names));
      sorted.sort(Saveables.PYTHON_ORDER); // bytewise UTF-8 order, as TF's std::sort
      for (String key : sorted) {
        if (!reader.contains(key)) {
          throw new CheckpointNotFoundException("Key " + key + " not found in checkpoint");
        }
      }
      List<String> wrongTypes = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        DType want = (DType) dtypes.get(i);
        if (!reader.dtypeName(names[i]).equals(want.tfName())) {
          wrongTypes.add("tensor_name = " + names[i] + "; expected dtype " + want.protoName()
              + " does not equal original dtype " + DataTypes.cppName(reader.dtypeName(names[i])));
        }
      }
      if (!wrongTypes.isEmpty()) {
        throw new CheckpointMismatchException(String.join("\n", wrongTypes));
      }
      return readAll(reader, names, slices);
    }
  }

  /**
   * The tensors, read on all cores (the checksum and the conversion of each tensor are CPU work; reads from the
   * file are positional). Of several failures, the first tensor's is thrown, as a sequential read would.
   */
  private static List<NdArray> readAll(CheckpointReader reader, String[] names, String[] slices) {
    NdArray[] values = new NdArray[names.length];
    RuntimeException[] failures = new RuntimeException[names.length];
    IntStream.range(0, names.length).parallel().forEach(i -> {
      try {
        values[i] = reader.read(names[i], slices[i]);
      } catch (RuntimeException e) {
        failures[i] = e;
      }
    });
    for (RuntimeException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
    return List.of(values);
  }

  private static String scalarString(NdArray value, Operation op, String input) {
    if (!value.dtype().isString() || value.size() != 1) {
      throw new io.scopegraph.InvalidArgumentException("Input '" + input + "' of op '" + op.name()
          + "' must be a string scalar, got " + value.dtype() + " of shape " + value.shape().toDimsString());
    }
    return (String) value.get(0);
  }
}
