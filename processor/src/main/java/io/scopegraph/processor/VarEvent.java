package io.scopegraph.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code getVariable} a method executes (or one variable a layer call creates), directly or through the model
 * methods it calls, relative to the context the method is called in. An event without a {@code name} is a marker:
 * it only enters its path (a scope, or a layer without variables), which moves the variable-scope default-name
 * counters.
 *
 * @param path variable-scope segments entered between the caller and the call, outermost first
 * @param name the literal variable name; null for a marker
 * @param shape literal dimensions, or null when unknown
 * @param dtype a dtype name; null inherits the enclosing scope's; {@code "?"} is unknown
 * @param reuse the innermost reuse set on the path ({@code TRUE}/{@code AUTO}), or null to inherit; or the
 *     method's {@code @ScopeReuse} parameter ({@link #reuseOfParameter}) until a call site gives its argument
 * @param reuseUnknown reuse may have been changed in a way the analysis cannot follow
 * @param nameScope the innermost name scope entered on the path ({@code ""} when its name is not literal),
 *     or null
 * @param varScoped a variable scope is entered on the path
 * @param count how often it runs per call: a number, or {@link #MANY} when a loop's bound is unknown
 * @param may it runs only on some paths besides its {@code arms} (an early exit, a short circuit, a loop that may
 *     not run, a catch); see {@link #may()}
 * @param chain the call sites from the method down to the {@code getVariable} call
 * @param arms the branch arms it runs in (an {@code if} or {@code switch} and which arm), outermost first
 * @param layer the layer call that creates it ({@code "dense"}), or null for {@code getVariable}
 * @param layerReuseTrue the layer call itself asks to share ({@code reuse(Reuse.TRUE)}), not just inherits it
 * @param loops the loops of literal bound it runs in, outermost first (their product divides {@code count})
 * @param scopeReuseOf the method whose {@code @ScopeReuse} argument left its reuse inherited at a call (given
 *     {@code false} or {@code null}; passing {@code true} there would share), or null
 */
record VarEvent(List<Segment> path, String name, long[] shape, String dtype, String reuse, boolean reuseUnknown,
    String nameScope, boolean varScoped, long count, boolean may, List<Site> chain, List<Arm> arms, String layer,
    boolean layerReuseTrue, List<Loop> loops, String scopeReuseOf) {

  /**
   * A {@code for} loop of literal bound, replayed run by run for default names.
   *
   * @param entry which run of the loop statement this is: the call sites from the root's side down to the loop
   *     (the same loop reached through two calls is two loops)
   * @param depth how many path segments enclose the loop (scopes entered inside it lie deeper)
   */
  record Loop(List<Object> entry, long bound, int depth) {
    /** The same loop seen from a caller: below {@code by} more segments, reached through {@code callSite}. */
    Loop calledFrom(Object callSite, int by) {
      List<Object> e = new ArrayList<>(entry.size() + 1);
      if (callSite != null) {
        e.add(callSite);
      }
      e.addAll(entry);
      return new Loop(e, bound, depth + by);
    }
  }

  /** The prefix of a reuse given per call by a {@code @ScopeReuse} parameter: {@code "@param:1"}. */
  private static final String PARAMETER_REUSE = "@param:";

  /** The reuse that parameter {@code index}'s argument gives, resolved at each call site. */
  static String reuseOfParameter(int index) {
    return PARAMETER_REUSE + index;
  }

  /** The {@code @ScopeReuse} parameter this event's reuse waits for, or -1. */
  int reuseParameter() {
    return reuse != null && reuse.startsWith(PARAMETER_REUSE)
        ? Integer.parseInt(reuse.substring(PARAMETER_REUSE.length())) : -1;
  }

  /**
   * The event with its {@code @ScopeReuse} parameter replaced by the call's argument to {@code method}: {@code
   * TRUE}/{@code AUTO}, null to inherit the caller's, another {@link #reuseOfParameter} when the caller forwards
   * its own parameter, or (when {@code known} is false) a reuse the analysis cannot tell.
   */
  VarEvent withReuseArgument(String argument, boolean known, String method) {
    if (reuseParameter() < 0) {
      return this;
    }
    String inheritedAt = known && argument == null ? method : scopeReuseOf;
    return new VarEvent(path, name, shape, dtype, known ? argument : null, reuseUnknown || !known, nameScope,
        varScoped, count, may, chain, arms, layer, layerReuseTrue, loops, inheritedAt);
  }

  /** At a root nobody passes the {@code @ScopeReuse} argument: its reuse is unknown. */
  VarEvent atRoot() {
    return withReuseArgument(null, false, null);
  }

  /** An unknown number of runs, possibly none. */
  static final long MANY = -1;

  static long times(long a, long b) {
    return a == MANY || b == MANY ? MANY : a * b;
  }

  /**
   * This event as seen from the outside of {@code ctx}: its path ({@code ownPath}, already substituted) is
   * prefixed by the context's, and {@code callSite} (if any) starts its chain.
   */
  VarEvent under(Context ctx, List<Segment> ownPath, Site callSite) {
    List<Segment> p = new ArrayList<>(ctx.path());
    for (Segment s : ownPath) {
      p.add(callSite == null ? s : s.calledFrom(callSite.tree()));
    }
    List<Site> c = new ArrayList<>();
    if (callSite != null) {
      c.add(callSite);
    }
    c.addAll(chain);
    List<Arm> a = new ArrayList<>(ctx.arms());
    for (Arm own : arms) {
      a.add(callSite == null ? own : own.calledFrom(callSite.tree()));
    }
    List<Loop> l = new ArrayList<>(ctx.loops());
    for (Loop own : loops) {
      l.add(own.calledFrom(callSite == null ? null : callSite.tree(), ctx.path().size()));
    }
    return new VarEvent(p, name, shape, dtype != null ? dtype : ctx.dtype(), reuse != null ? reuse : ctx.reuse(),
        reuseUnknown || (reuse == null && ctx.reuseUnknown()), nameScope != null ? nameScope : ctx.nameScope(),
        varScoped || ctx.varScoped(), times(count, ctx.count()), may || ctx.mayBesidesArms(), c, a, layer,
        layerReuseTrue, l,
        scopeReuseOf);
  }

  /** A marker: entering {@code ctx}'s path at {@code site} (a scope or a layer), creating nothing. */
  static VarEvent marker(Context ctx, Site site) {
    return new VarEvent(ctx.path(), null, null, null, ctx.reuse(), ctx.reuseUnknown(), ctx.nameScope(), true,
        ctx.count(), ctx.mayBesidesArms(), List.of(site), ctx.arms(), null, false, ctx.loops(), null);
  }

  /** It runs only on some paths: for another reason, or in a branch arm. */
  @Override
  public boolean may() {
    return may || !arms.isEmpty();
  }

  /** It runs on every path that reaches its arms: certain once the arms are known to run. */
  boolean certainInItsArms() {
    return !may;
  }

  boolean isMarker() {
    return name == null;
  }

  /** The same event with its path resolved (default names replaced by the names they get). */
  VarEvent withPath(List<Segment> resolved) {
    return new VarEvent(resolved, name, shape, dtype, reuse, reuseUnknown, nameScope, varScoped, count, may, chain,
        arms, layer, layerReuseTrue, loops, scopeReuseOf);
  }

  /** The same event run {@code n} times fewer (one run of a loop replayed on its own). */
  VarEvent dividedBy(long n) {
    return new VarEvent(path, name, shape, dtype, reuse, reuseUnknown, nameScope, varScoped,
        count == MANY ? MANY : count / n, may, chain, arms, layer, layerReuseTrue, loops, scopeReuseOf);
  }

  /** Whether the two never both run: they sit in different arms of one branch. */
  boolean excludes(VarEvent other) {
    for (Arm a : arms) {
      for (Arm b : other.arms) {
        if (a.branch().equals(b.branch()) && a.index() != b.index()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Arm {@code index} of the branch statement {@code branch} (its tree, or a compiled model's place). */
  record Arm(Object branch, int index) {
    /** The same arm reached through one more call: two calls of a method run its branch twice, independently. */
    Arm calledFrom(Object callSite) {
      return new Arm(List.of(callSite, branch), index);
    }
  }

  /** The full name when every segment is literal, else null (and null for a marker). */
  String fullName() {
    if (name == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Segment s : path) {
      if (s.literal() == null) {
        return null;
      }
      sb.append(s.literal()).append('/');
    }
    return sb.append(name).toString();
  }

  /**
   * A variable-scope name segment: a literal, a method parameter (resolved at call sites), a default name
   * ({@code dense}, uniquified by the variable-scope counters when the root is replayed), or unknown.
   *
   * @param defaultBase the default name: the segment's own, or a parameter's when its argument is null
   * @param entry which entry of the scope this is: the call sites from the root's side down to the construct
   *     that enters it (a scoped method, a try-with-resources scope, a layer call); equal entries are one entry
   */
  record Segment(String literal, int parameter, String defaultBase, List<Object> entry) {
    static Segment literal(String s, Object enteredBy) {
      return new Segment(s, -1, null, List.of(enteredBy));
    }

    static Segment parameter(int index, String defaultBase, Object enteredBy) {
      return new Segment(null, index, defaultBase, List.of(enteredBy));
    }

    static Segment defaultName(String base, Object enteredBy) {
      return new Segment(null, -1, base, List.of(enteredBy));
    }

    static Segment unknown(Object enteredBy) {
      return new Segment(null, -1, null, List.of(enteredBy));
    }

    boolean isDefault() {
      return literal == null && parameter < 0 && defaultBase != null;
    }

    /** The same segment, entered through one more call site. */
    Segment calledFrom(Object callSite) {
      List<Object> e = new ArrayList<>(entry.size() + 1);
      e.add(callSite);
      e.addAll(entry);
      return new Segment(literal, parameter, defaultBase, e);
    }

    /** A literal (or unknown, for null) segment standing for the same entry. */
    Segment resolvedAs(String name) {
      return new Segment(name, -1, null, entry);
    }
  }

  /** Where a call happens: the tree, its file, the method it is in, and how often it runs per call of that method. */
  record Site(com.sun.source.tree.Tree tree, com.sun.source.tree.CompilationUnitTree unit,
      javax.lang.model.element.ExecutableElement method, long repeat) {}

  /** The analysis context at a point of a method body, relative to the method's caller. */
  record Context(List<Segment> path, String reuse, boolean reuseUnknown, String dtype, String nameScope,
      boolean varScoped, long count, boolean may, List<Arm> arms, List<Loop> loops) {
    static final Context TOP = new Context(List.of(), null, false, null, null, false, 1, false, List.of(), List.of());

    /** Inside a {@code for} loop of literal bound {@code n}: runs n times more, replayed run by run. */
    Context inLoop(com.sun.source.tree.Tree loop, long n) {
      List<Loop> l = new ArrayList<>(loops);
      l.add(new Loop(List.of(loop), n, path.size()));
      return new Context(path, reuse, reuseUnknown, dtype, nameScope, varScoped, VarEvent.times(count, n), may, arms,
          l);
    }

    Context inArm(com.sun.source.tree.Tree branch, int index) {
      List<Arm> a = new ArrayList<>(arms);
      a.add(new Arm(branch, index));
      return new Context(path, reuse, reuseUnknown, dtype, nameScope, varScoped, count, may, a, loops);
    }

    /** On some paths only: for another reason, or in a branch arm. */
    @Override
    public boolean may() {
      return may || !arms.isEmpty();
    }

    /** The {@code may} that events made here carry (their arms say the rest). */
    boolean mayBesidesArms() {
      return may;
    }

    Context withSegment(Segment s, String newReuse) {
      List<Segment> p = new ArrayList<>(path);
      p.add(s);
      return new Context(p, newReuse != null ? newReuse : reuse, reuseUnknown, dtype, nameScope, true, count, may,
          arms, loops);
    }

    Context withDtype(String newDtype) {
      return new Context(path, reuse, reuseUnknown, newDtype, nameScope, varScoped, count, may, arms, loops);
    }

    Context withNameScope(String name) {
      return new Context(path, reuse, reuseUnknown, dtype, name, varScoped, count, may, arms, loops);
    }

    Context withReuseUnknown() {
      return new Context(path, reuse, true, dtype, nameScope, varScoped, count, may, arms, loops);
    }

    Context times(long n) {
      return new Context(path, reuse, reuseUnknown, dtype, nameScope, varScoped, VarEvent.times(count, n), may, arms,
          loops);
    }

    /** Runs once per call of the method: in a loop that may not run, perhaps. */
    Context once() {
      return new Context(path, reuse, reuseUnknown, dtype, nameScope, varScoped, 1, may || count == VarEvent.MANY,
          arms, loops);
    }

    Context maybe() {
      return new Context(path, reuse, reuseUnknown, dtype, nameScope, varScoped, count, true, arms, loops);
    }
  }
}
