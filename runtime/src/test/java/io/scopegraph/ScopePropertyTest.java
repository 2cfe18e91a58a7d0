package io.scopegraph;

import static io.scopegraph.PropertyCheck.chance;
import static io.scopegraph.PropertyCheck.oneOf;
import static io.scopegraph.PropertyCheck.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random call sequences (name scopes, variable scopes, ops, {@code getVariable}) run on a fresh graph and on
 * {@link TfScopeModel}, TF 1.15's rules written independently: every result, every error (type and message),
 * the scopes after every step, the ops each step adds, the variable store and the used names must agree.
 * Names come in random case, with {@code _N} suffixes that collide with generated ones, nested, absolute
 * ({@code a/}) and invalid; a failing sequence is shrunk to a short one and printed ({@link PropertyCheck}).
 */
class ScopePropertyTest {
  private static final int TRIES = 1000;

  @Test
  @DisplayName("op names, name scopes and unique_name follow TF's rules (1000 random sequences)")
  void namesAndNameScopesFollowTf() {
    PropertyCheck.forAll(PropertyCheck.tries(TRIES), ScopePropertyTest::nameSteps, steps -> new Harness().run(steps));
  }

  @Test
  @DisplayName("variable scopes, reuse and getVariable follow TF's rules (1000 random sequences)")
  void variableScopesAndGetVariableFollowTf() {
    PropertyCheck.forAll(PropertyCheck.tries(TRIES), ScopePropertyTest::allSteps, steps -> new Harness().run(steps));
  }

  // ---------------------------------------------------------------------------------------------
  // The steps: each runs once on the model and once on the runtime, and says what it got as a string.

  interface Step {
    String onModel(Harness h);

    String onRuntime(Harness h);
  }

  record NameScope(String name) implements Step {
    public String onModel(Harness h) {
      return h.model.enterNameScope(name);
    }

    public String onRuntime(Harness h) {
      return h.open(h.tf.nameScope(name)).name();
    }
  }

  /** The module-level {@code tf.name_scope(name, default_name)}: the name, else the default name. */
  record NameScopeWithDefault(String name, String defaultName) implements Step {
    public String onModel(Harness h) {
      return h.model.enterNameScope(name == null ? defaultName : name);
    }

    public String onRuntime(Harness h) {
      return h.open(h.tf.nameScope(name, defaultName)).name();
    }
  }

  /** {@code tf.Variable(0., name=name)}: named by name scopes, never shared. */
  record TfVariable(String name) implements Step {
    public String onModel(Harness h) {
      return h.model.variable(name);
    }

    public String onRuntime(Harness h) {
      Variable v = h.tf.variable(0f, name);
      assertEquals(v.op().name() + ":0", v.name());
      return v.op().name();
    }
  }

  record VariableScope(String name, Reuse reuse, boolean aux) implements Step {
    public String onModel(Harness h) {
      return h.modelEntered(h.model.enterVariableScope(name, reuse, aux));
    }

    public String onRuntime(Harness h) {
      return h.entered(h.tf.variableScopeBuilder(name).reuse(reuse).auxiliaryNameScope(aux).enter());
    }
  }

  record DefaultVariableScope(String defaultName, Reuse reuse, boolean aux) implements Step {
    public String onModel(Harness h) {
      return h.modelEntered(h.model.enterDefaultVariableScope(defaultName, reuse, aux));
    }

    public String onRuntime(Harness h) {
      return h.entered(h.tf.variableScopeBuilder().defaultName(defaultName).reuse(reuse).auxiliaryNameScope(aux)
          .enter());
    }
  }

  /** Re-enters the captured scope {@code index} (modulo how many were captured; the root scope is the first). */
  record Reenter(int index, Reuse reuse, boolean aux) implements Step {
    public String onModel(Harness h) {
      TfScopeModel.Scope s = h.modelCaptured.get(index % h.modelCaptured.size());
      return h.modelEntered(h.model.reenterVariableScope(s, reuse, aux));
    }

    public String onRuntime(Harness h) {
      VarScope s = h.captured.get(index % h.captured.size());
      return h.entered(h.tf.variableScopeBuilder(s).reuse(reuse).auxiliaryNameScope(aux).enter());
    }
  }

  /** Closes the innermost open scope ({@code depth} 0), or one below it, which must be refused. */
  record Close(int depth) implements Step {
    public String onModel(Harness h) {
      if (depth >= h.model.openEntries()) {
        return "nothing to close";
      }
      h.model.close(depth);
      return "closed";
    }

    public String onRuntime(Harness h) {
      if (depth >= h.handles.size()) {
        return "nothing to close";
      }
      AutoCloseable handle = List.copyOf(h.handles).get(depth);
      try {
        handle.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      h.handles.remove(handle);
      return "closed";
    }
  }

  record Constant(String name) implements Step {
    public String onModel(Harness h) {
      return h.model.constant(name);
    }

    public String onRuntime(Harness h) {
      return h.tf.constant(0f, name).op().name();
    }
  }

  /** {@code count} constants of one name: long {@code _N} chains, and a registry that must grow. */
  record Burst(String name, int count) implements Step {
    public String onModel(Harness h) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        names.add(h.model.constant(name));
      }
      return String.join(",", names);
    }

    public String onRuntime(Harness h) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        names.add(h.tf.constant(i, name).op().name());
      }
      return String.join(",", names);
    }
  }

  record NoOp(String name) implements Step {
    public String onModel(Harness h) {
      return h.model.noOp(name);
    }

    public String onRuntime(Harness h) {
      return h.tf.noOp(name).name();
    }
  }

  record GetVariable(String name, boolean vector, boolean int32) implements Step {
    public String onModel(Harness h) {
      return h.model.getVariable(name, vector ? "(2,)" : "()", int32 ? DType.INT32 : DType.FLOAT32);
    }

    public String onRuntime(Harness h) {
      Variable v = h.tf.getVariable(name, vector ? Shape.of(2) : Shape.scalar(), int32 ? DType.INT32 : DType.FLOAT32,
          Initializers.zeros());
      String op = v.op().name();
      assertEquals(op + ":0", v.name());
      Variable before = h.variables.putIfAbsent(op, v);
      assertTrue(before == null || before == v, "getVariable returned another Variable object named " + op);
      return (before == null ? "created " : "reused ") + op;
    }
  }

  /**
   * {@code graph.atomically} around {@code inner} (steps that open no scope), then a throw: the whole block is
   * undone, so the model skips it. Inner failures join the block and are undone with it.
   */
  record RolledBack(List<Step> inner) implements Step {
    private static final class Abort extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Abort() {
        super(null, null, false, false);
      }
    }

    public String onModel(Harness h) {
      return "rolled back";
    }

    public String onRuntime(Harness h) {
      try {
        h.graph.atomically(() -> {
          for (Step step : inner) {
            try {
              step.onRuntime(h);
            } catch (ScopeGraphException e) {
              // an expected failure inside the block; the block's abort undoes it
            }
          }
          throw new Abort();
        });
      } catch (Abort e) {
        h.variables.values().removeIf(v -> h.graph.operation(v.op().name()) != v.op());
        return "rolled back";
      }
      return "not rolled back";
    }
  }

  record ReuseVariables() implements Step {
    public String onModel(Harness h) {
      h.model.reuseVariables();
      return "";
    }

    public String onRuntime(Harness h) {
      h.tf.getVariableScope().reuseVariables();
      return "";
    }
  }

  record UniqueName(String name, boolean mark) implements Step {
    public String onModel(Harness h) {
      return h.model.uniqueName(name, mark);
    }

    public String onRuntime(Harness h) {
      return h.graph.uniqueName(name, mark);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running a sequence on both

  static final class Harness {
    final Graph graph = new Graph();
    final Ops tf = Ops.on(graph);
    final TfScopeModel model = new TfScopeModel();
    final Deque<AutoCloseable> handles = new ArrayDeque<>(); // innermost first
    final List<VarScope> captured = new ArrayList<>(List.of(tf.getVariableScope()));
    final List<TfScopeModel.Scope> modelCaptured = new ArrayList<>(List.of(model.varScope()));
    final Map<String, Variable> variables = new HashMap<>(); // by op name

    <T extends AutoCloseable> T open(T handle) {
      handles.push(handle);
      return handle;
    }

    String entered(VarScope s) {
      open(s);
      captured.add(s);
      return s.name() + " | " + s.originalNameScope() + " | " + s.reuse();
    }

    String modelEntered(TfScopeModel.Scope s) {
      modelCaptured.add(s);
      return s.name + " | " + s.originalNameScope + " | " + s.reuse;
    }

    void run(List<Step> steps) {
      int opsBefore = 0;
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        String where = "step " + i + " " + step;
        String expected;
        TfScopeModel.Failure failure = null;
        try {
          expected = step.onModel(this);
        } catch (TfScopeModel.Failure f) {
          failure = f;
          expected = null;
        }
        String actual = null;
        RuntimeException thrown = null;
        try {
          actual = step.onRuntime(this);
        } catch (RuntimeException e) {
          thrown = e;
        }
        if (failure == null) {
          if (thrown != null) {
            throw new AssertionError(where + ": expected " + expected + " but the runtime threw " + thrown, thrown);
          }
          assertEquals(expected, actual, where);
        } else {
          assertEquals(failure.type, thrown == null ? null : thrown.getClass(),
              where + ": expected " + failure.type.getSimpleName() + " but got " + (thrown == null ? actual : thrown));
          if (failure.prefixOnly) {
            assertTrue(thrown.getMessage().startsWith(failure.getMessage()), where + ": " + thrown.getMessage());
          } else {
            assertEquals(failure.getMessage(), thrown.getMessage(), where);
          }
        }
        assertEquals(model.nameStack(), tf.currentNameScope(), where + ": name scope");
        VarScope current = tf.getVariableScope();
        TfScopeModel.Scope modelCurrent = model.varScope();
        assertEquals(modelCurrent.name + " | " + modelCurrent.originalNameScope + " | " + modelCurrent.reuse,
            current.name() + " | " + current.originalNameScope() + " | " + current.reuse(), where + ": variable scope");
        List<String> ops = graph.operations().stream().map(Operation::name).toList();
        assertEquals(model.ops().subList(opsBefore, model.ops().size()), ops.subList(opsBefore, ops.size()),
            where + ": ops added");
        opsBefore = ops.size();
      }
      closeAll();
      assertEquals(model.storeKeys(), List.copyOf(graph.variableStore().keySet()), "variable store");
      for (String probe : probes()) {
        assertEquals(model.uniqueName(probe, false), graph.uniqueName(probe, false), "unique name of " + probe);
      }
    }

    private void closeAll() {
      while (model.openEntries() > 0) {
        model.close(0);
      }
      while (!handles.isEmpty()) {
        try {
          handles.pop().close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
      assertEquals("", tf.currentNameScope());
    }

    /** Every op name, its upper-case spelling and its first {@code _1}, at the root. */
    private TreeSet<String> probes() {
      TreeSet<String> probes = new TreeSet<>();
      for (String op : model.ops()) {
        probes.add(op);
        probes.add(op.toUpperCase(Locale.ROOT));
        probes.add(op + "_1");
      }
      probes.removeIf(String::isEmpty);
      return probes;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  /** Up to 60 steps of name scopes (both forms), closes, ops and {@code unique_name}. */
  static List<Step> nameSteps(SplittableRandom r) {
    List<Step> steps = new ArrayList<>();
    for (int n = r.nextInt(61); steps.size() < n; ) {
      steps.add(switch (weighted(r, 4, 5, 4, 3, 2, 1, 1, 1)) {
        case 0 -> new NameScope(nameScopeName(r));
        case 1 -> new Close(chance(r, 0.75) ? 0 : 1);
        case 2 -> new Constant(opName(r));
        case 3 -> new NoOp(opName(r));
        case 4 -> new UniqueName(name(r), r.nextBoolean());
        case 5 -> new NameScopeWithDefault(chance(r, 0.5) ? null : nameScopeName(r),
            chance(r, 0.2) ? null : plainName(r));
        case 6 -> new Burst(plainName(r), 5 + r.nextInt(60));
        default -> rolledBack(r);
      });
    }
    return steps;
  }

  /**
   * Up to 60 steps of everything: variable scopes of the three kinds with random reuse and auxiliary name scope,
   * getVariable, tf.Variable, …
   */
  static List<Step> allSteps(SplittableRandom r) {
    List<Step> steps = new ArrayList<>();
    for (int n = r.nextInt(61); steps.size() < n; ) {
      steps.add(switch (weighted(r, 12, 16, 6, 6, 24, 8, 6, 24, 1, 4, 4, 2)) {
        case 0 -> new NameScope(nameScopeName(r));
        case 1 -> new VariableScope(variableScopeName(r), reuse(r), aux(r));
        case 2 -> new DefaultVariableScope(chance(r, 0.9) ? oneOf(r, "d", "D", "a", "foo", "d_1", "layer") : null,
            chance(r, 0.8) ? Reuse.FALSE : reuse(r), aux(r));
        case 3 -> new Reenter(r.nextInt(31), reuse(r), aux(r));
        case 4 -> new Close(chance(r, 0.8) ? 0 : 1 + r.nextInt(2));
        case 5 -> new Constant(opName(r));
        case 6 -> new NoOp(opName(r));
        case 7 -> new GetVariable(variableName(r), chance(r, 0.15), chance(r, 0.1));
        case 8 -> new ReuseVariables();
        case 9 -> new UniqueName(name(r), r.nextBoolean());
        case 10 -> new TfVariable(chance(r, 0.8) ? variableName(r) : opName(r));
        default -> rolledBack(r);
      });
    }
    return steps;
  }

  /** A block of up to 8 steps that open no scope (a burst can grow the registry inside it), rolled back. */
  private static RolledBack rolledBack(SplittableRandom r) {
    List<Step> inner = new ArrayList<>();
    for (int n = 1 + r.nextInt(8); inner.size() < n; ) {
      inner.add(switch (weighted(r, 3, 2, 3, 2, 1, 1)) {
        case 0 -> new Constant(opName(r));
        case 1 -> new NoOp(opName(r));
        case 2 -> new GetVariable(variableName(r), chance(r, 0.15), chance(r, 0.1));
        case 3 -> new TfVariable(variableName(r));
        case 4 -> new UniqueName(name(r), true);
        default -> new Burst(plainName(r), 5 + r.nextInt(100));
      });
    }
    return new RolledBack(inner);
  }

  private static Reuse reuse(SplittableRandom r) {
    return oneOf(r, Reuse.FALSE, Reuse.FALSE, Reuse.FALSE, Reuse.TRUE, Reuse.AUTO, Reuse.AUTO);
  }

  private static boolean aux(SplittableRandom r) {
    return chance(r, 0.85);
  }

  /**
   * A name from a few bases that collide with each other and with generated names ({@code read}, {@code zeros},
   * {@code Const}), in random case, often with an {@code _N} suffix.
   */
  private static String plainName(SplittableRandom r) {
    String name = oneOf(r, "a", "b", "foo", "v", "read", "Const", "NoOp", "zeros", "Initializer")
        + oneOf(r, "", "", "", "", "_1", "_2", "_1_1", "_0", "_01", "_10", "_12");
    if (chance(r, 0.75)) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name);
    for (int i = 0; i < sb.length(); i++) {
      sb.setCharAt(i, r.nextBoolean() ? Character.toUpperCase(sb.charAt(i)) : Character.toLowerCase(sb.charAt(i)));
    }
    return sb.toString();
  }

  /** Plain, nested ({@code a/read}), or odd: valid only inside a scope ({@code _a}), invalid, empty. */
  private static String name(SplittableRandom r) {
    return switch (weighted(r, 16, 3, 2)) {
      case 0 -> plainName(r);
      case 1 -> plainName(r) + "/" + plainName(r);
      default -> oneOf(r, "_a", "-b", ".c", "a:b", "a b", "", "a//b");
    };
  }

  /** A name, absolute ({@code a/}), or a reset ({@code null}), or {@code "/"}. */
  private static String nameScopeName(SplittableRandom r) {
    return switch (weighted(r, 8, 2, 1)) {
      case 0 -> name(r);
      case 1 -> name(r) + "/";
      default -> oneOf(r, null, "/");
    };
  }

  /** A name, verbatim ({@code a/}), or none (the op type). */
  private static String opName(SplittableRandom r) {
    return switch (weighted(r, 7, 2, 1)) {
      case 0 -> name(r);
      case 1 -> name(r) + "/";
      default -> null;
    };
  }

  /** No trailing slash and not empty: TF's {@code variable_scope("a/")} and {@code ("")} are odd cases. */
  private static String variableScopeName(SplittableRandom r) {
    return switch (weighted(r, 8, 8, 2, 1)) {
      case 0 -> oneOf(r, "a", "tower", "foo"); // often the same scope again: sharing
      case 1 -> plainName(r);
      case 2 -> plainName(r) + "/" + plainName(r);
      default -> oneOf(r, "_a", "-b", "a:b");
    };
  }

  /** Variable names, some equal to scope or op names ({@code read}, {@code v/read}) or to a shard's. */
  private static String variableName(SplittableRandom r) {
    return switch (weighted(r, 10, 2, 1)) {
      case 0 -> oneOf(r, "v", "v", "v", "v", "w", "V", "v_1", "part_0", "read", "a");
      case 1 -> oneOf(r, "v/read", "x/y", "a/v");
      default -> oneOf(r, "_v", "a:b");
    };
  }
}
