package io.scopegraph.processor;

import io.scopegraph.processor.VarEvent.Arm;
import io.scopegraph.processor.VarEvent.Loop;
import io.scopegraph.processor.VarEvent.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names the default-named variable scopes of one root ({@code dense}, {@code dense_1}, {@code block}, …) by replaying
 * its events in order on TF 1.15's variable-scope counters: every entry of a scope counts its full name; a default name
 * is the base, or the first {@code base_k} whose full name has not been counted; leaving a named or default-named scope
 * clears the counts of everything under it (so a scope entered again starts over at {@code dense}). A {@code for}
 * loop of literal bound is replayed run by run (leaving the scopes entered in one run before the next). Each arm of a
 * branch is replayed from the counts before the branch, as if it ran; after the branch, a count some arm changed is
 * unsure (which arm ran is not known). Entries that run on some paths only for another reason (an early exit, a short
 * circuit) or an unknown number of times, and scopes of unknown name, make the counts they touch unsure: a default
 * name that depends on an unsure count stays unknown, never guessed.
 */
final class DefaultNameReplay {
  /** An entered scope: which entry, its full name (null: unknown) and its own name segment. */
  private record Open(List<Object> entry, String fullName, String local) {}

  private static final Pattern SUFFIX = Pattern.compile("_\\d+");
  /**
   * The most runs a replay goes through (the bounds of nested literal loops multiplied): a longer loop is replayed
   * once, its default names unknown, so that {@code i < Integer.MAX_VALUE} does not replay forever.
   */
  static final long MAX_REPLAYED_RUNS = 1_000;

  private final List<Open> open = new ArrayList<>();
  private final Map<String, Integer> counts = new HashMap<>();
  /** Events in a replayed loop that run on its first run only, as resolved there. */
  private final Map<VarEvent, VarEvent> firstRunOnly = new IdentityHashMap<>();
  /** Full names entered an unsure number of times. */
  private final Set<String> unsureNames = new HashSet<>();
  /** {@code parent/base} of default names entered an unsure number of times: {@code base} and each {@code base_k}. */
  private final Set<String> unsureDefaults = new HashSet<>();
  /** Scopes under which a scope of unknown name was entered: every name under them is unsure. */
  private final Set<String> unsureParents = new HashSet<>();
  /** The branch arms the replay is in, outermost first. */
  private List<Arm> arms = List.of();
  /** Per branch being replayed: the counts before it, and the names some arm's entries changed. */
  private final Map<Object, Map<String, Integer>> beforeBranch = new HashMap<>();
  private final Map<Object, Set<String>> changedInBranch = new HashMap<>();
  /** How many loops too long to replay enclose the events being replayed: inside them every count is unsure. */
  private int tooLong;

  private DefaultNameReplay() {}

  /** The root's variable events with default names resolved (unknown where unsure); markers dropped. */
  static List<VarEvent> resolve(List<VarEvent> events) {
    DefaultNameReplay replay = new DefaultNameReplay();
    List<VarEvent> out = new ArrayList<>();
    for (VarEvent e : replay.block(events, 0, 1, true)) {
      if (!e.isMarker()) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Replays events inside {@code depth} literal loops (their bounds multiply to {@code runs}), one run at a time;
   * {@code firstRun}: the first run of all of them.
   */
  private List<VarEvent> block(List<VarEvent> events, int depth, long runs, boolean firstRun) {
    List<VarEvent> out = new ArrayList<>();
    int i = 0;
    while (i < events.size()) {
      VarEvent e = events.get(i);
      if (e.loops().size() <= depth) {
        if (runs > 1 && e.count() == 1) {
          // a layer object made before the loop creates on the first run only: later runs repeat that name
          out.add(firstRun ? firstRunOnly.computeIfAbsent(e, x -> replay(x, 1)) : firstRunOnly.getOrDefault(e, e));
        } else {
          out.add(replay(e, runs));
        }
        i++;
        continue;
      }
      Loop loop = e.loops().get(depth);
      int end = i;
      while (end < events.size() && events.get(end).loops().size() > depth
          && events.get(end).loops().get(depth).entry().equals(loop.entry())) {
        end++;
      }
      out.addAll(unroll(events.subList(i, end), loop, depth, runs, firstRun));
      i = end;
    }
    return out;
  }

  /**
   * Replays a literal loop's body run by run: TF leaves the scopes entered in one run before the next starts, so a
   * scope re-entered there counts its default names afresh. An event named alike in every run stays one event (its
   * clash still reads "in a loop that runs it N times"); others become one event per run.
   */
  private List<VarEvent> unroll(List<VarEvent> body, Loop loop, int depth, long runs, boolean firstRun) {
    if (loop.bound() > MAX_REPLAYED_RUNS / runs) {
      tooLong++;
      try {
        return block(body, depth + 1, MAX_REPLAYED_RUNS + 1, firstRun);
      } finally {
        tooLong--;
      }
    }
    List<List<VarEvent>> perRun = new ArrayList<>();
    List<Arm> outside = commonArms(body);
    for (long k = 0; k < loop.bound(); k++) {
      leaveArms(outside); // a branch in the body is taken afresh on each run
      while (open.size() > loop.depth()) {
        exit(open.remove(open.size() - 1));
      }
      perRun.add(block(body, depth + 1, runs * loop.bound(), firstRun && k == 0));
    }
    List<VarEvent> first = perRun.get(0);
    boolean aligned = perRun.stream().allMatch(r -> r.size() == first.size());
    boolean[] alike = new boolean[first.size()]; // once per event, not per run and event
    for (int j = 0; j < first.size(); j++) {
      int at = j;
      alike[j] = aligned && perRun.stream().allMatch(r -> sameName(r.get(at), first.get(at)));
    }
    List<VarEvent> out = new ArrayList<>();
    for (int k = 0; k < perRun.size(); k++) {
      for (int j = 0; j < perRun.get(k).size(); j++) {
        if (!(aligned && alike[j])) {
          out.add(perRun.get(k).get(j).dividedBy(loop.bound()));
        } else if (k == 0) {
          out.add(first.get(j));
        }
      }
    }
    return out;
  }

  private static boolean sameName(VarEvent a, VarEvent b) {
    if (a.path().size() != b.path().size() || !Objects.equals(a.name(), b.name())) {
      return false;
    }
    for (int i = 0; i < a.path().size(); i++) {
      if (!Objects.equals(a.path().get(i).literal(), b.path().get(i).literal())) {
        return false;
      }
    }
    return true;
  }

  private VarEvent replay(VarEvent e, long runs) {
    List<Segment> path = e.path();
    int same = 0;
    while (same < open.size() && same < path.size() && open.get(same).entry().equals(path.get(same).entry())) {
      same++;
    }
    leaveArms(e.arms()); // back to the counts before a branch, then out of the scopes entered in its arm
    while (open.size() > same) {
      exit(open.remove(open.size() - 1));
    }
    enterArms(e.arms());
    // once per run of the loops being replayed
    boolean sure = tooLong == 0 && e.certainInItsArms() && e.count() == runs;
    for (int i = same; i < path.size(); i++) {
      String parent = i == 0 ? "" : open.get(i - 1).fullName();
      open.add(enter(path.get(i), parent, sure));
    }
    List<Segment> resolved = new ArrayList<>(path.size());
    for (int i = 0; i < path.size(); i++) {
      Segment s = path.get(i);
      resolved.add(s.isDefault() ? s.resolvedAs(open.get(i).local()) : s);
    }
    return e.withPath(resolved);
  }

  /** The arms all events of a loop body share: those around the loop. */
  private static List<Arm> commonArms(List<VarEvent> body) {
    List<Arm> common = body.get(0).arms();
    for (VarEvent e : body) {
      common = common.subList(0, commonPrefix(common, e.arms()));
    }
    return common;
  }

  private static int commonPrefix(List<Arm> a, List<Arm> b) {
    int n = 0;
    while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
      n++;
    }
    return n;
  }

  /**
   * Leaves the arms the replay is in that {@code target} is not in, innermost first: the counts go back to those
   * before the branch (an arm left for another arm of its branch starts from them too); a branch left altogether
   * leaves what any of its arms changed unsure.
   */
  private void leaveArms(List<Arm> target) {
    int common = commonPrefix(arms, target);
    for (int i = arms.size() - 1; i >= common; i--) {
      Object branch = arms.get(i).branch();
      Map<String, Integer> before = beforeBranch.get(branch);
      Set<String> changed = changedInBranch.get(branch);
      Set<String> keys = new HashSet<>(counts.keySet());
      keys.addAll(before.keySet());
      for (String k : keys) {
        if (!Objects.equals(counts.get(k), before.get(k))) {
          changed.add(k);
        }
      }
      counts.clear();
      counts.putAll(before);
      boolean anotherArm = i == common && common < target.size() && target.get(common).branch().equals(branch);
      if (!anotherArm) {
        unsureNames.addAll(changed); // whether an arm ran is not known
        beforeBranch.remove(branch);
        changedInBranch.remove(branch);
      }
    }
    arms = arms.subList(0, common);
  }

  /** Enters {@code target}'s arms beyond those the replay is in: a branch's counts are kept as it starts. */
  private void enterArms(List<Arm> target) {
    for (int i = commonPrefix(arms, target); i < target.size(); i++) {
      Object branch = target.get(i).branch();
      beforeBranch.computeIfAbsent(branch, b -> new HashMap<>(counts));
      changedInBranch.computeIfAbsent(branch, b -> new HashSet<>());
    }
    arms = target;
  }

  private Open enter(Segment s, String parent, boolean sure) {
    List<Object> entry = s.entry();
    if (parent == null) {
      return new Open(entry, null, null);
    }
    if (s.literal() != null) {
      String full = join(parent, s.literal());
      if (sure) {
        counts.merge(full, 1, Integer::sum);
      } else {
        unsureNames.add(full);
      }
      return new Open(entry, full, s.literal());
    }
    if (!s.isDefault()) {
      unsureParents.add(parent); // any name: it may have taken the name a default would get
      return new Open(entry, null, null);
    }
    if (!sure) {
      unsureDefaults.add(join(parent, s.defaultBase()));
      return new Open(entry, null, null);
    }
    if (unsureParents.contains(parent)) {
      return new Open(entry, null, null);
    }
    for (int k = 0; ; k++) {
      String local = k == 0 ? s.defaultBase() : s.defaultBase() + "_" + k;
      String full = join(parent, local);
      if (isUnsure(full)) {
        return new Open(entry, null, null);
      }
      if (counts.getOrDefault(full, 0) == 0) {
        counts.put(full, 1);
        return new Open(entry, full, local);
      }
    }
  }

  private boolean isUnsure(String full) {
    if (unsureNames.contains(full) || unsureDefaults.contains(full)) {
      return true;
    }
    for (String d : unsureDefaults) {
      if (full.startsWith(d) && SUFFIX.matcher(full.substring(d.length())).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Leaving a scope clears everything counted under it (TF: the counts of its descendants go to 0). */
  private void exit(Open o) {
    if (o.fullName() == null) {
      return;
    }
    String under = o.fullName() + "/";
    counts.keySet().removeIf(k -> k.startsWith(under));
    unsureNames.removeIf(k -> k.startsWith(under));
    unsureDefaults.removeIf(k -> k.startsWith(under));
    unsureParents.removeIf(k -> k.equals(o.fullName()) || k.startsWith(under));
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
