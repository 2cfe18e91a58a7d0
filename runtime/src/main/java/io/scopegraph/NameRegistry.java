package io.scopegraph;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * The names a graph has handed out and the ops that carry them, in one table: TF's case-insensitive
 * {@code names_in_use} (name → times used) and the exact by-name op index of the C API.
 *
 * <p>Why not two {@code HashMap}s: the registry is the per-op cost of graph building. Keys here are the names
 * themselves (the very strings the ops keep), compared ignoring case, so no lower-cased copy and no map node
 * is retained per op; an open-addressing table of two parallel arrays costs about 16 bytes per name.
 *
 * <p>A slot's value is the op itself (used once, carries that op), {@link #USED_ONCE} (used once, no op: a
 * name scope) or an immutable {@link Entry} for anything else (used more than once, or an op whose name was
 * never marked used: TF's verbatim {@code name/} form). Changes are journaled while {@link #journaling} so a
 * failed atomic graph call can be rolled back; values are immutable, so the journal only keeps old values.
 *
 * <p>Case folding is per {@code char} ({@link Character#toLowerCase(char)}); it differs from Python's
 * {@code str.lower()} only for the few characters whose lower case is longer, which valid op and scope names
 * cannot contain. Not thread-safe: {@link Graph} calls it under its lock.
 */
final class NameRegistry {
  private static final Object USED_ONCE = new Object();
  private static final Object ABSENT = new Object();

  /** General slot value: {@code count} uses (0: never marked used) and the op with this exact name, or null. */
  private record Entry(int count, Operation op) {}

  private String[] keys = new String[64];
  private Object[] values = new Object[64];
  private int[] hashes = new int[64]; // case-folded hash of each key: growing never re-reads the strings
  private int shift = 32 - 6; // table size 2^(32 - shift)
  private int size;
  private String lastHashed;
  private int lastHash;
  /** Ops whose name differs only in case from the op a slot already carries ({@code a} and {@code A/}). */
  private final HashMap<String, Operation> caseVariants = new HashMap<>();
  /** Journal of the atomic call in progress: key, old value (or ABSENT), key, old value, …; a null key: a case variant. */
  private final ArrayList<Object> journal = new ArrayList<>();
  private boolean journaling;

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
      String key = (String) j.get(i);
      Object old = j.get(i + 1);
      if (key == null) {
        caseVariants.remove(((Operation) old).name());
      } else if (old == ABSENT) {
        remove(key);
      } else {
        values[find(key)] = old;
      }
    }
    j.clear();
  }

  /** How often {@code name} (any case) has been marked used; 0 if never. */
  int count(String name) {
    int slot = find(name);
    return slot < 0 ? 0 : countOf(values[slot]);
  }

  /** Whether {@code name} (any case) is in use. */
  boolean inUse(String name) {
    return count(name) > 0;
  }

  /** Marks {@code name} (any case) used once more; returns how often it was used before. */
  int claim(String name) {
    int slot = find(name);
    if (slot < 0) {
      put(slot, name, USED_ONCE);
      return 0;
    }
    Object value = values[slot];
    int count = countOf(value);
    put(slot, name, pack(count + 1, opOf(value)));
    return count;
  }

  /** Marks {@code name} used if it is not in use (any case); returns whether it was free. */
  boolean claimIfFree(String name) {
    int slot = find(name);
    if (slot < 0) {
      put(slot, name, USED_ONCE);
      return true;
    }
    Object value = values[slot];
    if (countOf(value) > 0) {
      return false;
    }
    put(slot, name, pack(1, opOf(value)));
    return true;
  }

  /** The op named exactly {@code name}, or null. */
  Operation op(String name) {
    int slot = find(name);
    Operation op = slot < 0 ? null : opOf(values[slot]);
    if (op != null && op.name().equals(name)) {
      return op;
    }
    return caseVariants.get(name);
  }

  /** Records a new op under its exact name; false (and nothing recorded) if an op has that exact name. */
  boolean addOp(Operation op) {
    String name = op.name();
    int slot = find(name);
    Operation present = slot < 0 ? null : opOf(values[slot]);
    if (present == null) {
      put(slot, name, pack(slot < 0 ? 0 : countOf(values[slot]), op));
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

  private static Object pack(int count, Operation op) {
    if (count == 1) {
      return op == null ? USED_ONCE : op;
    }
    return new Entry(count, op);
  }

  /** Stores {@code value} for {@code key} at {@code slot} (from {@link #find}; negative: absent). */
  private void put(int slot, String key, Object value) {
    if (slot >= 0) {
      if (journaling) {
        journal.add(keys[slot]);
        journal.add(values[slot]);
      }
      values[slot] = value;
      return;
    }
    if (journaling) {
      journal.add(key);
      journal.add(ABSENT);
    }
    if (2 * (size + 1) > keys.length) { // load factor at most 1/2: short probe sequences
      grow();
    }
    int h = hash(key);
    int i = insertionSlot(h);
    keys[i] = key;
    values[i] = value;
    hashes[i] = h;
    size++;
  }

  /** The slot holding {@code key} (any case), or -1. */
  private int find(String key) {
    int h = hash(key);
    int mask = keys.length - 1;
    for (int i = home(h); ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (hashes[i] == h && sameIgnoringCase(k, key)) {
        return i;
      }
    }
  }

  private int insertionSlot(int hash) {
    int mask = keys.length - 1;
    int i = home(hash);
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    String[] oldKeys = keys;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    keys = new String[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    hashes = new int[oldKeys.length * 2];
    shift--;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = insertionSlot(oldHashes[j]);
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  /** Linear-probing deletion by backward shift (no tombstones). */
  private void remove(String key) {
    int mask = keys.length - 1;
    int hole = find(key);
    keys[hole] = null;
    values[hole] = null;
    size--;
    for (int i = (hole + 1) & mask; keys[i] != null; i = (i + 1) & mask) {
      int home = home(hashes[i]);
      // Move the entry into the hole unless its home lies cyclically in (hole, i].
      boolean homeBetween = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!homeBetween) {
        keys[hole] = keys[i];
        values[hole] = values[i];
        hashes[hole] = hashes[i];
        keys[i] = null;
        values[i] = null;
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
    if (s == lastHashed) {
      return lastHash;
    }
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = 31 * h + (c < 128 ? c | 0x20 : fold(c)); // c | 0x20: equal for both cases of an ASCII letter
    }
    lastHashed = s;
    lastHash = h;
    return h;
  }

  private static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }

  private static boolean sameIgnoringCase(String a, String b) {
    if (a.equals(b)) {
      return true; // the usual hit: same spelling (an intrinsic, much faster than the loop below)
    }
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && fold(x) != fold(y)) {
        return false;
      }
    }
    return true;
  }
}
