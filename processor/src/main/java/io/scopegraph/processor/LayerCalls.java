package io.scopegraph.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a call of the runtime's {@code tf.layers()} ({@code io.scopegraph.layers.Layers}) from its arguments: which
 * variable scope the layer takes and which variables it creates there, by TF 1.15's rules (tf.layers' {@code _scope}
 * and {@code _reuse}): a function form with a {@code name} enters that name as a plain string scope, so the same name
 * twice clashes unless the second shares; an unnamed one with {@code reuse} binds to the base name itself; every other
 * layer (unnamed, a layer object, a layer without variables) takes a default name ({@code dense}, {@code dense_1}, …).
 * Only literals and constants are read; anything else leaves that part unknown.
 */
final class LayerCalls {
  private LayerCalls() {}

  /**
   * The layers of {@code Layers}: the function's name ({@code <function>Layer} makes the object), TF's base name, and
   * where the trailing name or options argument sits in the function form (counting the input) and in the factory.
   */
  enum Kind {
    DENSE("dense", "dense", 2, 1),
    CONV2D("conv2d", "conv2d", 3, 2),
    BATCH_NORMALIZATION("batchNormalization", "batch_normalization", 1, 0),
    MAX_POOLING2D("maxPooling2d", "max_pooling2d", 3, 2),
    AVERAGE_POOLING2D("averagePooling2d", "average_pooling2d", 3, 2),
    DROPOUT("dropout", "dropout", 3, 1), // dropout(x, rate, training, options): the options come last
    FLATTEN("flatten", "flatten", 1, 0);

    final String function;
    final String baseName;
    final int functionTail;
    final int factoryTail;

    Kind(String function, String baseName, int functionTail, int factoryTail) {
      this.function = function;
      this.baseName = baseName;
      this.functionTail = functionTail;
      this.factoryTail = factoryTail;
    }

    /** Whether the function form's {@code name} is a string scope (TF passes {@code _scope}): the layers with variables. */
    boolean namedScope() {
      return this == DENSE || this == CONV2D || this == BATCH_NORMALIZATION;
    }

    static Kind ofFunction(String method) {
      for (Kind k : values()) {
        if (k.function.equals(method)) {
          return k;
        }
      }
      return null;
    }

    static Kind ofFactory(String method) {
      for (Kind k : values()) {
        if ((k.function + "Layer").equals(method)) {
          return k;
        }
      }
      return null;
    }
  }

  /** One variable a layer creates: its short name, its shape ({@code -1}: unknown), and whether only perhaps. */
  record Weight(String name, long[] shape, boolean maybe) {}

  /**
   * One layer call.
   *
   * @param scopeName the variable scope's name: a string scope ({@code fc}), or the base of a default name
   * @param defaultName whether {@code scopeName} is uniquified by the counters (a default name)
   * @param scopeKnown false when the name (or whether it is a default) is not literal
   * @param reuse the layer's own {@code TRUE}/{@code AUTO}, or null
   * @param reuseKnown false when the reuse argument is not literal
   * @param weights the variables it creates in that scope, in TF's order
   * @param channelsLast the input's last dimension is the one the variables depend on (no {@code dataFormat} or
   *     {@code axis} option)
   * @param width the output's last dimension that the call itself fixes ({@code units}, {@code filters}), or -1
   */
  record Call(Kind kind, String scopeName, boolean defaultName, boolean scopeKnown, String reuse, boolean reuseKnown,
      List<Weight> weights, boolean channelsLast, long width) {

    /** The weights with the input's last dimension filled in, when it is known ({@code -1}: not). */
    Call withInputWidth(long in) {
      if (in <= 0 || !channelsLast) {
        return this;
      }
      List<Weight> out = new ArrayList<>();
      for (Weight w : weights) {
        long[] shape = w.shape().clone();
        if (kind == Kind.BATCH_NORMALIZATION) {
          shape[0] = in; // every variable is [channels]
        } else if (w.name().equals("kernel")) {
          shape[kind == Kind.CONV2D ? 2 : 0] = in; // [in, units] or [kh, kw, in, filters]
        }
        out.add(new Weight(w.name(), shape, w.maybe()));
      }
      return new Call(kind, scopeName, defaultName, scopeKnown, reuse, reuseKnown, out, channelsLast, width);
    }

    /** The output's last dimension for an input whose last dimension is {@code in} ({@code -1}: unknown). */
    long outputWidth(long in) {
      if (!channelsLast || kind == Kind.FLATTEN) {
        return -1;
      }
      return kind == Kind.DENSE || kind == Kind.CONV2D ? width : in;
    }
  }

  /** What an argument list says; {@code UNKNOWN} where it is not literal. */
  private static final Object UNKNOWN = new Object();

  /**
   * Reads a function form ({@code functional}: {@code dense(x, units, …)}) or a layer object's factory
   * ({@code denseLayer(units, …)}); {@code constant} gives a literal's or a constant's value, or null.
   */
  static Call read(Kind kind, List<? extends ExpressionTree> args, boolean functional,
      Function<ExpressionTree, Object> constant) {
    int first = functional ? 1 : 0;
    Map<String, List<Object>> options = new LinkedHashMap<>();
    int end = args.size();
    int tail = functional ? kind.functionTail : kind.factoryTail;
    if (args.size() == tail + 1) { // the trailing name or options
      ExpressionTree last = args.get(args.size() - 1);
      Object value = constant.apply(last);
      Map<String, List<Object>> chain = optionsChain(last, constant);
      if (value instanceof String name) {
        options.put("name", List.of(name));
        end--;
      } else if (last.getKind() == Tree.Kind.NULL_LITERAL) {
        end--;
      } else if (chain != null) {
        options = chain;
        end--;
      } else if (value == null) { // a name or options held in a variable
        options.put("name", List.of(UNKNOWN));
        options.put("reuse", List.of(UNKNOWN));
        options.put("useBias", List.of(UNKNOWN));
        options.put("scale", List.of(UNKNOWN));
        options.put("center", List.of(UNKNOWN));
        end--;
      }
    }
    List<Object> positional = new ArrayList<>();
    for (int i = first; i < end; i++) {
      Object v = constant.apply(args.get(i));
      positional.add(v != null ? v : UNKNOWN);
    }
    Object name = single(options, "name");
    Object reuse = single(options, "reuse");
    String reuseValue = reuse instanceof String r && !r.equals("FALSE") ? r : null;
    boolean reuseKnown = reuse != UNKNOWN;
    String scopeName = name instanceof String s ? s : kind.baseName;
    boolean defaultName = true;
    boolean scopeKnown = name != UNKNOWN;
    if (functional && kind.namedScope()) {
      // tf.layers.dense(x, n, name=…, reuse=…) passes _scope=name, _reuse=reuse: a string scope when either is given
      defaultName = !(name instanceof String) && reuseValue == null;
      scopeKnown &= name instanceof String || reuseKnown;
    } else if (!functional && reuse != null) {
      scopeKnown = false; // the runtime rejects reuse on a layer object
    }
    boolean channelsLast = name != UNKNOWN && !options.containsKey("dataFormat") && !options.containsKey("axis");
    long width = kind == Kind.DENSE || kind == Kind.CONV2D ? dim(positional, 0) : -1;
    return new Call(kind, scopeName, defaultName, scopeKnown, reuseValue, reuseKnown, weights(kind, positional, options),
        channelsLast, width);
  }

  private static List<Weight> weights(Kind kind, List<Object> positional, Map<String, List<Object>> options) {
    List<Weight> out = new ArrayList<>();
    Object useBias = single(options, "useBias");
    boolean biasMaybe = useBias == UNKNOWN;
    boolean bias = !Boolean.FALSE.equals(useBias);
    switch (kind) {
      case DENSE -> {
        long units = dim(positional, 0);
        out.add(new Weight("kernel", new long[] {-1, units}, false));
        if (bias) {
          out.add(new Weight("bias", new long[] {units}, biasMaybe));
        }
      }
      case CONV2D -> {
        long filters = dim(positional, 0);
        // kernelSize: one int, or {h, w} (a one-element array is square too)
        Object size = positional.size() > 1 ? positional.get(1) : UNKNOWN;
        List<?> hw = size instanceof List<?> l && (l.size() == 1 || l.size() == 2) ? l : java.util.Arrays.asList(size, size);
        long kh = dim(hw, 0);
        long kw = dim(hw, hw.size() - 1);
        out.add(new Weight("kernel", new long[] {kh, kw, -1, filters}, false));
        if (bias) {
          out.add(new Weight("bias", new long[] {filters}, biasMaybe));
        }
      }
      case BATCH_NORMALIZATION -> {
        Object scale = single(options, "scale");
        Object center = single(options, "center");
        if (!Boolean.FALSE.equals(scale)) {
          out.add(new Weight("gamma", new long[] {-1}, scale == UNKNOWN));
        }
        if (!Boolean.FALSE.equals(center)) {
          out.add(new Weight("beta", new long[] {-1}, center == UNKNOWN));
        }
        out.add(new Weight("moving_mean", new long[] {-1}, false));
        out.add(new Weight("moving_variance", new long[] {-1}, false));
      }
      default -> { } // pooling, dropout, flatten: no variables
    }
    return out;
  }

  private static long dim(List<?> positional, int i) {
    return i < positional.size() && positional.get(i) instanceof Number n && n.longValue() > 0 ? n.longValue() : -1;
  }

  /** The last value given to an option ({@code null}: not given). */
  private static Object single(Map<String, List<Object>> options, String key) {
    List<Object> values = options.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * {@code Dense.options().name("fc").reuse(Reuse.TRUE)…}: each option's arguments (the last call wins), or null when
   * the expression is not such a chain.
   */
  private static Map<String, List<Object>> optionsChain(ExpressionTree tree, Function<ExpressionTree, Object> constant) {
    List<MethodInvocationTree> calls = new ArrayList<>();
    ExpressionTree t = tree;
    while (t instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree select) {
      calls.add(call);
      if (select.getIdentifier().contentEquals("options") && call.getArguments().isEmpty()
          && select.getExpression() instanceof IdentifierTree) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int i = calls.size() - 2; i >= 0; i--) {
          MethodInvocationTree c = calls.get(i);
          List<Object> values = new ArrayList<>();
          for (ExpressionTree a : c.getArguments()) {
            Object v = a.getKind() == Tree.Kind.NULL_LITERAL ? null : reuseOrConstant(a, constant);
            values.add(v == null && a.getKind() != Tree.Kind.NULL_LITERAL ? UNKNOWN : v);
          }
          String option = ((MemberSelectTree) c.getMethodSelect()).getIdentifier().toString();
          out.put(option, values.size() == 1 && values.get(0) == null ? List.of() : values);
        }
        return out;
      }
      t = select.getExpression();
    }
    return null;
  }

  private static Object reuseOrConstant(ExpressionTree a, Function<ExpressionTree, Object> constant) {
    String text = a.toString();
    if (text.startsWith("Reuse.")) {
      String r = text.substring("Reuse.".length());
      return r.equals("TRUE") || r.equals("AUTO") || r.equals("FALSE") ? r : null;
    }
    return constant.apply(a);
  }
}
