package io.scopegraph.tensorflow;

import io.scopegraph.PartitionedVariable;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TF's {@code op_list_to_dict} and {@code validate_and_slice_inputs}: what a {@code Saver} saves, keyed as
 * TensorFlow keys it. A variable's key is its op name; the shards of a partitioned variable share its full name,
 * each saved as a slice. Keys are sorted as Python sorts strings (by code point), shards by variable name.
 */
final class Saveables {
  /** Python's string order: by code point (Java's {@code compareTo} orders UTF-16 units). */
  static final Comparator<String> PYTHON_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private Saveables() {}

  /** The saveables of a list of variables and partitioned variables ({@code Saver(var_list=[...])}). */
  static List<Saveable> ofList(Collection<?> items) {
    List<Variable> variables = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof PartitionedVariable p) {
        variables.addAll(p.shards());
      } else if (item instanceof Variable v) {
        variables.add(v);
      } else {
        throw notSaveable(item);
      }
    }
    variables.sort(Comparator.comparing(v -> v.op().name(), PYTHON_ORDER));
    Map<String, Group> byKey = new LinkedHashMap<>();
    for (Variable v : variables) {
      boolean slice = v.saveSliceInfo() != null;
      String key = slice ? v.saveSliceInfo().fullName() : v.op().name();
      Group group = byKey.get(key);
      if (group == null) {
        byKey.put(key, new Group(new ArrayList<>(List.of(v)), slice));
      } else if (!slice || !group.slices()) {
        throw new CheckpointArgumentException(!slice && !group.slices()
            ? "At least two variables have the same name: " + key
            : "Mixing slices and non-slices with the same name: " + key);
      } else {
        group.variables().add(v);
      }
    }
    return flatten(byKey);
  }

  /**
   * The saveables of a name map ({@code Saver(var_list={...})}): key → a variable, a partitioned variable or a
   * list of shards.
   */
  static List<Saveable> ofMap(Map<String, ?> nameMap) {
    Map<String, Group> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : nameMap.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Variable v) {
        byKey.put(e.getKey(), new Group(List.of(v), false));
      } else if (value instanceof PartitionedVariable p) {
        byKey.put(e.getKey(), new Group(p.shards(), true));
      } else if (value instanceof List<?> list) {
        List<Variable> shards = new ArrayList<>();
        for (Object item : list) {
          if (!(item instanceof Variable v)) {
            throw new CheckpointArgumentException("Slices must all be Variables: " + item);
          }
          shards.add(v);
        }
        byKey.put(e.getKey(), new Group(shards, true));
      } else {
        throw notSaveable(value);
      }
    }
    return flatten(byKey);
  }

  /** The variables under one key: one whole variable, or the shards of one partitioned variable. */
  private record Group(List<Variable> variables, boolean slices) {}

  /** One saveable per variable, keys sorted; each variable under one key only. */
  private static List<Saveable> flatten(Map<String, Group> byKey) {
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort(PYTHON_ORDER);
    Map<Variable, String> seen = new IdentityHashMap<>();
    List<Saveable> out = new ArrayList<>();
    for (String key : keys) {
      Group group = byKey.get(key);
      String fullName = null;
      for (Variable v : group.variables()) {
        if (seen.put(v, key) != null) {
          throw new CheckpointArgumentException("The same saveable will be restored with two names: " + v.op().name());
        }
        if (!group.slices()) {
          out.add(new Saveable(key, v, ""));
          continue;
        }
        if (v.saveSliceInfo() == null) {
          throw new CheckpointArgumentException("Slices must all be slices: " + v);
        }
        if (fullName == null) {
          fullName = v.saveSliceInfo().fullName();
        } else if (!fullName.equals(v.saveSliceInfo().fullName())) {
          throw new CheckpointArgumentException("Slices must all be from the same tensor: " + fullName + " != "
              + v.saveSliceInfo().fullName());
        }
        out.add(new Saveable(key, v, v.saveSliceInfo().spec()));
      }
    }
    return out;
  }

  private static CheckpointArgumentException notSaveable(Object item) {
    return new CheckpointArgumentException("Variable to save is not a Variable or a PartitionedVariable: " + item);
  }
}
