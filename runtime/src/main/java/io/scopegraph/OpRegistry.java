package io.scopegraph;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The op types this JVM knows, by TF op type: the runtime's own, those of {@link OpProvider}s on the class path
 * (loaded once, on first use), and those users {@link #register}. One registry for all graphs, as TF's op
 * registry is process-wide; a type, once registered, cannot be replaced.
 */
public final class OpRegistry {
  private OpRegistry() {}

  private static final class Loaded {
    static final Map<String, OpDef> DEFS = load();

    private static Map<String, OpDef> load() {
      Map<String, OpDef> defs = new ConcurrentHashMap<>();
      Map<String, String> origin = new ConcurrentHashMap<>();
      for (OpDef def : BuiltinOps.all()) {
        add(defs, origin, def, "the scopegraph runtime");
      }
      for (OpProvider provider : ServiceLoader.load(OpProvider.class, OpRegistry.class.getClassLoader())) {
        for (OpDef def : provider.ops()) {
          add(defs, origin, def, provider.getClass().getName());
        }
      }
      return defs;
    }

    private static void add(Map<String, OpDef> defs, Map<String, String> origin, OpDef def, String from) {
      if (defs.putIfAbsent(def.type(), def) != null) {
        throw new IllegalStateException("Op type '" + def.type() + "' is defined by both " + origin.get(def.type())
            + " and " + from);
      }
      origin.put(def.type(), from);
    }
  }

  /**
   * Adds a user-defined op type. {@link IllegalArgumentException} if the type is already known (built-in,
   * provided or registered before).
   */
  public static void register(OpDef def) {
    if (Loaded.DEFS.putIfAbsent(def.type(), def) != null) {
      throw new IllegalArgumentException("Op type '" + def.type() + "' is already registered; op types cannot be "
          + "redefined (choose another type name)");
    }
  }

  /** The definition of {@code type}, or null when unknown. */
  public static OpDef find(String type) {
    return Loaded.DEFS.get(type);
  }

  /** The definition of {@code type}; {@link IllegalArgumentException} naming the type when unknown. */
  public static OpDef get(String type) {
    OpDef def = find(type);
    if (def == null) {
      throw new IllegalArgumentException("Op type '" + type + "' is not registered: register it with "
          + "OpRegistry.register(OpDef.builder(\"" + type + "\")...)");
    }
    return def;
  }

  /** Every known op type, sorted. */
  public static SortedSet<String> types() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(Loaded.DEFS.keySet()));
  }

  /** The output specs of a node of {@code type} with these inputs and attrs (flat key/value array). */
  static List<OutputSpec> outputs(String type, String name, List<Tensor> inputs, Object[] attrs) {
    return get(type).outputs(new OpContext(name, type, inputs, attrs));
  }
}
