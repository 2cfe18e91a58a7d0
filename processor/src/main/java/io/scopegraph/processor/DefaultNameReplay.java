package io.scopegraph.processor;

import io.scopegraph.processor.VarEvent.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names the default-named variable scopes of one root ({@code dense}, {@code dense_1}, {@code block}, …) by replaying
 * its events in order on TF 1.15's variable-scope counters: every entry of a scope counts its full name; a default name
 * is the base, or the first {@code base_k} whose full name has not been counted; leaving a named or default-named scope
 * clears the counts of everything under it (so a scope entered again starts over at {@code dense}). Entries that run
 * on some paths only or an unknown number of times, and scopes of unknown name, make the counts they touch unsure:
 * a default name that depends on an unsure count stays unknown, never guessed.
 */
final class DefaultNameReplay {
  /** An entered scope: which entry, its full name (null: unknown) and its own name segment. */
  private record Open(List<Object> entry, String fullName, String local) {}

  private static final Pattern SUFFIX = Pattern.compile("_\\d+");

  private final List<Open> open = new ArrayList<>();
  private final Map<String, Integer> counts = new HashMap<>();
  /** Full names entered an unsure number of times. */
  private final Set<String> unsureNames = new HashSet<>();
  /** {@code parent/base} of default names entered an unsure number of times: {@code base} and each {@code base_k}. */
  private final Set<String> unsureDefaults = new HashSet<>();
  /** Scopes under which a scope of unknown name was entered: every name under them is unsure. */
  private final Set<String> unsureParents = new HashSet<>();

  private DefaultNameReplay() {}

  /** The root's variable events with default names resolved (unknown where unsure); markers dropped. */
  static List<VarEvent> resolve(List<VarEvent> events) {
    DefaultNameReplay replay = new DefaultNameReplay();
    List<VarEvent> out = new ArrayList<>();
    for (VarEvent e : events) {
      VarEvent resolved = replay.replay(e);
      if (!e.isMarker()) {
        out.add(resolved);
      }
    }
    return out;
  }

  private VarEvent replay(VarEvent e) {
    List<Segment> path = e.path();
    int same = 0;
    while (same < open.size() && same < path.size() && open.get(same).entry().equals(path.get(same).entry())) {
      same++;
    }
    while (open.size() > same) {
      exit(open.remove(open.size() - 1));
    }
    boolean sure = !e.may() && e.count() == 1;
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
