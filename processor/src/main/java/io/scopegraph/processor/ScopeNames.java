package io.scopegraph.processor;

/** TensorFlow's root scope-name pattern, {@code ^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$}: a method may run at the root. */
final class ScopeNames {
  private ScopeNames() {}

  static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean ok = i == 0 ? alnum || c == '.' : alnum || c == '_' || c == '.' || c == '-' || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The nested pattern {@code ^[A-Za-z0-9_.\-/]*$}: what a name inside some scope may contain. */
  static boolean isValidNested(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!(alnum || c == '_' || c == '.' || c == '-' || c == '/')) {
        return false;
      }
    }
    return true;
  }
}
