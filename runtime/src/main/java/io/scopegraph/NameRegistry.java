package io.scopegraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The names a graph has handed out and the ops that carry them, in one table: TF's case-insensitive
 * {@code names_in_use} (name → times used) and the exact by-name op index of the C API.
 *
 * <p>Why not two {@code HashMap}s: the registry is the per-op cost of graph building. Keys here are the names
 * themselves (the very strings the ops keep), compared ignoring case, so no lower-cased copy and no map node
 * is retained per op; an open-addressing table of {@code int} pairs (code, hash) at most half full costs about
 * 16 bytes per name.
 *
 * <p>A slot stands for a value, and the value for the name: the op itself (used once, carries that op, named
 * {@code op.name()}), the name as a string (used once, no op: a name scope) or an {@link Entry} for anything
 * else (used more than once, or an op whose name was never marked used: TF's verbatim {@code name/} form).
 * Any spelling of a name can stand for it, since names are compared ignoring case. Changes are journaled while
 * {@link #journaling} so a failed atomic graph call can be rolled back: the journal keeps replaced values, and
 * counts an entry down again.
 *
 * <p>Why codes and not references: the table is large and long-lived, so the collector keeps it in the old
 * generation, and every young op or name stored at a random slot of a reference array would dirty a card the
 * collector must rescan (at 10M ops that rescanning was a third of the build's CPU time). A slot's code is the
 * op's id + 1 (the op is in the graph's list), {@link #PENDING} for the one name most recently stored as a
 * string (the op that takes it next replaces it, usually at once), or -(index + 1) into {@link #others}, an
 * append-only list of the remaining strings and entries.
 *
 * <p>Case folding is per {@code char} ({@link Character#toLowerCase(char)}); it differs from Python's
 * {@code str.lower()} only for the few characters whose lower case is longer, which valid op and scope names
 * cannot contain. Not thread-safe: {@link Graph} calls it under its lock.
 */
final class NameRegistry {
  private static final Object ABSENT = new Object();
  /** Journal mark of an {@link Entry} whose count went up by one in place. */
  private static final Object INCREMENTED = new Object();

  /**
   * General slot value: {@code count} uses (0: never marked used) and the op with this exact name, or null.
   * The count goes up in place (a name like {@code add} is counted once per op; a new entry each time would
   * be most of the registry's garbage); the journal undoes that by counting down.
   */
  private static final class Entry {
    final String name;
    int count;
    final Operation op;

    Entry(String name, int count, Operation op) {
      this.name = name;
      this.count = count;
      this.op = op;
    }
  }

  /** Code of the slot whose value is the string {@link #pending}. */
  private static final int PENDING = Integer.MIN_VALUE;

  private final List<Operation> ops; // the graph's ops by id
  private final ArrayList<Object> others = new ArrayList<>();
  private String pending;
  /**
   * Slot {@code i} is {@code table[2i]}, its code (0: free), and {@code table[2i + 1]}, the case-folded hash of
   * its name (growing never re-reads the strings). Side by side, a probe reads one cache line, not two.
   */
  private int[] table = new int[2 * 64];
  private int shift = 32 - 6; // table size 2^(32 - shift)
  private int size;
  private String lastHashed;
  private int lastHash;
  private String lastScope;
  private int lastScopeHash;
  /** The slot of the last name {@link #uniqueName} returned, which the op taking that name looks up next. */
  private int lastSlot = -1;
  /** Ops whose name differs only in case from the op a slot already carries ({@code a} and {@code A/}). */
  private final HashMap<String, Operation> caseVariants = new HashMap<>();
  /**
   * Journal of the atomic call in progress, in pairs: name and replaced slot (ABSENT: the name was added); an
   * entry and INCREMENTED; null and a case variant.
   */
  private final ArrayList<Object> journal = new ArrayList<>();
  private boolean journaling;

  /** A registry for the ops of {@code ops}, where each op's index is its id. */
  NameRegistry(List<Operation> ops) {
    this.ops = ops;
  }

  void beginJournal() {
    journaling = true;
  }

  void commitJournal() {
    journaling = false;
    journal.clear();
  }

  /** Undoes every change since {@link #beginJournal()}, newest first. */
  void rollbackJournal() {
    journaling = false;
    ArrayList<Object> j = journal;
    for (int i = j.size() - 2; i >= 0; i -= 2) {
      Object old = j.get(i + 1);
      if (old == INCREMENTED) {
        ((Entry) j.get(i)).count--;
        continue;
      }
      String name = (String) j.get(i);
      if (name == null) {
        caseVariants.remove(((Operation) old).name());
      } else if (old == ABSENT) {
        remove(name);
      } else {
        store(find(name), old);
      }
    }
    j.clear();
  }

  /**
   * TF's {@code Graph.unique_name} for {@code leaf} in name scope {@code scope} ({@code ""}: the root): the
   * name {@code scope/leaf} if it was never used, else {@code scope/leaf_<k>} for the first free {@code k}
   * from the name's use count (compared ignoring case, as TF compares lower-cased keys); with
   * {@code markAsUsed} both the name and the result count as used once more.
   *
   * <p>The work per op does not grow with the scope depth: the hash continues from the scope's remembered
   * hash, and neither {@code scope/leaf} nor the {@code _<k>} candidates are built as strings unless stored
   * or returned.
   */
  String uniqueName(String scope, String leaf, boolean markAsUsed) {
    int hash = hash(scope, leaf);
    int slot = findName(scope, leaf, hash);
    int i = slot < 0 ? 0 : countOf(valueAt(slot));
    if (i == 0) {
      String name = scope.isEmpty() ? leaf : scope + "/" + leaf;
      if (markAsUsed) {
        slot = put(slot, name, hash, pack(name, 1, slot < 0 ? null : opOf(valueAt(slot))));
      }
      remember(name, hash, slot);
      return name;
    }
    if (markAsUsed) {
      countOnce(slot);
    }
    while (true) {
      int h = suffixedHash(hash, i);
      int s = findSuffixed(scope, leaf, i, h);
      if (s < 0 || countOf(valueAt(s)) == 0) {
        String candidate = scope.isEmpty() ? leaf + "_" + i : scope + "/" + leaf + "_" + i;
        if (markAsUsed) {
          s = put(s, candidate, h, pack(candidate, 1, s < 0 ? null : opOf(valueAt(s))));
        }
        remember(candidate, h, s);
        return candidate;
      }
      i++;
    }
  }

  /** How often {@code name} (any case) has been marked used; 0 if never. */
  int count(String name) {
    int slot = find(name);
    return slot < 0 ? 0 : countOf(valueAt(slot));
  }

  /** The op named exactly {@code name}, or null. */
  Operation op(String name) {
    int slot = find(name);
    Operation op = slot < 0 ? null : opOf(valueAt(slot));
    if (op != null && op.name().equals(name)) {
      return op;
    }
    return caseVariants.get(name);
  }

  /** Records a new op under its exact name; false (and nothing recorded) if an op has that exact name. */
  boolean addOp(Operation op) {
    String name = op.name();
    int slot = lastSlot >= 0 && nameOf(valueAt(lastSlot)) == name ? lastSlot : find(name);
    Operation present = slot < 0 ? null : opOf(valueAt(slot));
    if (present == null) {
      put(slot, name, hash(name), pack(name, slot < 0 ? 0 : countOf(valueAt(slot)), op));
      return true;
    }
    if (present.name().equals(name) || caseVariants.containsKey(name)) {
      return false;
    }
    caseVariants.put(name, op);
    if (journaling) {
      journal.add(null);
      journal.add(op);
    }
    return true;
  }

  private static int countOf(Object value) {
    return value instanceof Entry e ? e.count : 1;
  }

  private static Operation opOf(Object value) {
    return value instanceof Operation op ? op : value instanceof Entry e ? e.op : null;
  }

  /** The name a slot stands for (null for a free slot). */
  private static String nameOf(Object slot) {
    return slot instanceof String name ? name : slot instanceof Operation op ? op.name()
        : slot instanceof Entry e ? e.name : null;
  }

  /** The slot for {@code name} used {@code count} times, carrying {@code op} (null: none). */
  private static Object pack(String name, int count, Operation op) {
    if (count == 1) {
      return op == null ? name : op;
    }
    return new Entry(name, count, op);
  }

  /** The value slot {@code i} stands for (null: free). */
  private Object valueAt(int i) {
    int code = table[2 * i];
    return code > 0 ? ops.get(code - 1) : code == PENDING ? pending : code < 0 ? others.get(-code - 1) : null;
  }

  /** Makes slot {@code i} stand for {@code value} (not null). */
  private void store(int i, Object value) {
    if (table[2 * i] == PENDING) {
      pending = null;
    }
    if (value instanceof Operation op) {
      table[2 * i] = op.id() + 1;
    } else if (value instanceof String name) {
      if (pending != null) { // the previous pending name keeps its slot, as an ordinary string
        int slot = find(pending);
        table[2 * slot] = other(pending);
      }
      pending = name;
      table[2 * i] = PENDING;
    } else {
      table[2 * i] = other(value);
    }
  }

  private int other(Object value) {
    others.add(value);
    return -others.size();
  }

  /** Marks the name at {@code slot} (used at least once) as used once more. */
  private void countOnce(int slot) {
    Object old = valueAt(slot);
    if (old instanceof Entry e) {
      e.count++;
      if (journaling) {
        journal.add(e);
        journal.add(INCREMENTED);
      }
    } else {
      put(slot, nameOf(old), table[2 * slot + 1], pack(nameOf(old), 2, opOf(old)));
    }
  }

  /**
   * Stores {@code value}, which stands for {@code name} (hash {@code hash}), at {@code slot} (from a lookup;
   * negative: the name is absent). Returns the slot now holding it.
   */
  private int put(int slot, String name, int hash, Object value) {
    if (slot >= 0) {
      if (journaling) {
        Object old = valueAt(slot);
        journal.add(nameOf(old));
        journal.add(old);
      }
      store(slot, value);
      return slot;
    }
    if (journaling) {
      journal.add(name);
      journal.add(ABSENT);
    }
    if (2 * (size + 1) > capacity()) { // load factor at most 1/2: short probe sequences
      grow();
    }
    int i = insertionSlot(hash);
    table[2 * i + 1] = hash;
    store(i, value);
    size++;
    return i;
  }

  /** The slot holding {@code key} (any case), or -1. */
  private int find(String key) {
    return findName("", key, hash(key));
  }

  /** The slot holding {@code scope/leaf} (any case), whose hash is {@code h}, or -1. */
  private int findName(String scope, String leaf, int h) {
    int mask = capacity() - 1;
    for (int i = home(h); ; i = (i + 1) & mask) {
      if (table[2 * i] == 0) {
        return -1;
      }
      if (table[2 * i + 1] == h) {
        String key = nameOf(valueAt(i));
        if (key.length() == nameLength(scope, leaf) && startsWithName(key, scope, leaf)) {
          return i;
        }
      }
    }
  }

  /** The slot holding {@code scope/leaf_k} (any case), whose hash is {@code h}, or -1. */
  private int findSuffixed(String scope, String leaf, int k, int h) {
    int mask = capacity() - 1;
    for (int i = home(h); ; i = (i + 1) & mask) {
      if (table[2 * i] == 0) {
        return -1;
      }
      if (table[2 * i + 1] == h && isSuffixed(nameOf(valueAt(i)), scope, leaf, k)) {
        return i;
      }
    }
  }

  private static int nameLength(String scope, String leaf) {
    return scope.isEmpty() ? leaf.length() : scope.length() + 1 + leaf.length();
  }

  /** Whether {@code key} starts with {@code scope/leaf} (or {@code leaf} at the root), ignoring case. */
  private static boolean startsWithName(String key, String scope, String leaf) {
    int n = scope.length();
    if (n == 0) {
      return sameIgnoringCase(key, 0, leaf);
    }
    return key.charAt(n) == '/' && sameIgnoringCase(key, 0, scope) && sameIgnoringCase(key, n + 1, leaf);
  }

  /** Whether {@code key} is {@code scope/leaf_k}, ignoring case. */
  private static boolean isSuffixed(String key, String scope, String leaf, int k) {
    int n = nameLength(scope, leaf);
    int p = key.length() - 1;
    for (int v = k; ; v /= 10) { // the digits, last first
      if (p <= n || key.charAt(p--) != '0' + v % 10) {
        return false;
      }
      if (v < 10) {
        break;
      }
    }
    return p == n && key.charAt(n) == '_' && startsWithName(key, scope, leaf);
  }

  private int capacity() {
    return table.length / 2;
  }

  private int insertionSlot(int hash) {
    int mask = capacity() - 1;
    int i = home(hash);
    while (table[2 * i] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    int[] old = table;
    table = new int[old.length * 2];
    shift--;
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] != 0) {
        int i = insertionSlot(old[j + 1]);
        table[2 * i] = old[j];
        table[2 * i + 1] = old[j + 1];
      }
    }
  }

  /** Linear-probing deletion by backward shift (no tombstones). */
  private void remove(String name) {
    int mask = capacity() - 1;
    int hole = find(name);
    if (table[2 * hole] == PENDING) {
      pending = null;
    }
    table[2 * hole] = 0;
    size--;
    for (int i = (hole + 1) & mask; table[2 * i] != 0; i = (i + 1) & mask) {
      int home = home(table[2 * i + 1]);
      // Move the entry into the hole unless its home lies cyclically in (hole, i].
      boolean homeBetween = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!homeBetween) {
        table[2 * hole] = table[2 * i];
        table[2 * hole + 1] = table[2 * i + 1];
        table[2 * i] = 0;
        hole = i;
      }
    }
  }

  /**
   * The first slot to probe: Fibonacci hashing (the high bits of the product), since names like {@code Add_1},
   * {@code Add_2}, … have nearly consecutive polynomial hashes that would cluster.
   */
  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  /** Case-folded polynomial hash; the last one is remembered, as a name is looked up twice in a row. */
  private int hash(String s) {
    if (s != lastHashed) {
      lastHashed = s;
      lastHash = continueHash(0, s, 0);
    }
    return lastHash;
  }

  /** The hash of {@code scope/leaf} (or of {@code leaf} at the root), continued from the scope's remembered hash. */
  private int hash(String scope, String leaf) {
    if (scope.isEmpty()) {
      return hash(leaf);
    }
    if (scope != lastScope) {
      lastScope = scope;
      lastScopeHash = continueHash(0, scope, 0);
    }
    return continueHash(31 * lastScopeHash + foldForHash('/'), leaf, 0);
  }

  /** Remembers the hash of a name about to be looked up again (by the op that takes it). */
  private void remember(String name, int hash, int slot) {
    lastHashed = name;
    lastHash = hash;
    lastSlot = slot;
  }

  private static int continueHash(int h, String s, int from) {
    for (int i = from; i < s.length(); i++) {
      h = 31 * h + foldForHash(s.charAt(i));
    }
    return h;
  }

  /** The hash of {@code name + "_" + k} from the hash of {@code name}. */
  private static int suffixedHash(int h, int k) {
    h = 31 * h + foldForHash('_');
    int p = 1;
    while (p <= k / 10) {
      p *= 10;
    }
    for (; p > 0; p /= 10) {
      h = 31 * h + ('0' + k / p % 10);
    }
    return h;
  }

  /** {@code c | 0x20} is equal for both cases of an ASCII letter (and digits keep their code). */
  private static int foldForHash(char c) {
    return c < 128 ? c | 0x20 : fold(c);
  }

  private static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }

  /** Whether {@code key} has {@code part} at {@code offset}, ignoring case ({@code key} is long enough). */
  private static boolean sameIgnoringCase(String key, int offset, String part) {
    if (key.startsWith(part, offset)) {
      return true; // the usual hit: the same spelling
    }
    for (int i = 0; i < part.length(); i++) {
      char x = key.charAt(offset + i);
      char y = part.charAt(i);
      if (x != y && fold(x) != fold(y)) {
        return false;
      }
    }
    return true;
  }
}
