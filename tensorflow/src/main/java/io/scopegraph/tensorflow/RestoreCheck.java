package io.scopegraph.tensorflow;

import io.scopegraph.Shape;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a checkpoint against what a saver restores before anything is assigned, and reports every problem at
 * once with TensorFlow's texts: each missing key ({@code Key tower/w not found in checkpoint}) with the closest key
 * the checkpoint has, each dtype mismatch ({@code tensor_name = a; expected dtype int32 does not equal original
 * dtype float}) and each shape mismatch ({@code Assign requires shapes of both tensors to match. lhs shape= [1]
 * rhs shape= []}). TensorFlow stops at the first missing key; this lists them all.
 */
final class RestoreCheck {
  private static final String PREAMBLE = "Restoring from checkpoint failed. This is most likely due to %s from the "
      + "checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original "
      + "error:\n\n";
  private static final String MISSING = "a Variable name or other graph key that is missing";
  private static final String MISMATCH = "a mismatch between the current graph and the graph";

  private RestoreCheck() {}

  static void check(CheckpointReader reader, List<Saveable> saveables) {
    List<String> missing = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (Saveable s : sortedByKey(saveables)) {
      String key = s.key();
      if (!reader.contains(key)) {
        String line = "Key " + key + " not found in checkpoint";
        String closest = reader.closestKey(key);
        line += closest == null ? "" : " (closest key in the checkpoint: " + closest + ")";
        if (!missing.contains(line)) {
          missing.add(line);
        }
        continue;
      }
      String problem = mismatch(reader, s);
      if (problem != null && !mismatches.contains(problem)) {
        mismatches.add(problem);
      }
    }
    if (!missing.isEmpty()) {
      List<String> all = new ArrayList<>(missing);
      all.addAll(mismatches);
      throw new CheckpointNotFoundException(String.format(PREAMBLE, MISSING) + String.join("\n", all));
    }
    if (!mismatches.isEmpty()) {
      throw new CheckpointMismatchException(String.format(PREAMBLE, MISMATCH) + String.join("\n", mismatches));
    }
  }

  /** RestoreV2 looks keys up in sorted order. */
  private static List<Saveable> sortedByKey(List<Saveable> saveables) {
    List<Saveable> sorted = new ArrayList<>(saveables);
    sorted.sort((a, b) -> Saveables.PYTHON_ORDER.compare(a.key(), b.key()));
    return sorted;
  }

  /** The full shape a slice spec starts with: {@code "4 2 0,2:0,2"} → {@code [4, 2]}. */
  private static Shape fullShapeOf(String spec) {
    String[] parts = spec.trim().split(" ");
    long[] dims = new long[parts.length - 1];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Long.parseLong(parts[i]);
    }
    return Shape.of(dims);
  }

  /** What TensorFlow's RestoreV2 or Assign would reject about restoring {@code s} from the reader, or null. */
  static String mismatch(CheckpointReader reader, Saveable s) {
    Variable v = s.variable();
    String stored = reader.dtypeName(s.key());
    if (!stored.equals(v.dtype().tfName())) {
      return "tensor_name = " + s.key() + "; expected dtype " + v.dtype().protoName()
          + " does not equal original dtype " + DataTypes.cppName(stored);
    }
    Shape full = reader.shape(s.key());
    if (s.isSlice()) {
      Shape spec = fullShapeOf(s.sliceSpec());
      if (!spec.equals(full)) {
        return "tensor_name = " + s.key() + "; shape in shape_and_slice spec " + spec.toDimsString()
            + " does not match the shape stored in checkpoint: " + full.toDimsString();
      }
    } else if (v.shape().isFullyDefined() ? !v.shape().equals(full) : !v.shape().isCompatibleWith(full)) {
      return "Assign requires shapes of both tensors to match. lhs shape= " + v.shape().toDimsString()
          + " rhs shape= " + full.toDimsString() + " (variable " + v.op().name() + ")";
    }
    return null;
  }
}
