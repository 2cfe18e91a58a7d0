package io.scopegraph;

/** TensorFlow 1.15's name patterns, checked by hand (no regex on the op-creation path). */
final class Names {
  private Names() {}

  /** {@code ^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$}: op names and scope names at the root. */
  static boolean isValidOpName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!(isAlnum(first) || first == '.')) {
      return false;
    }
    return isValidScopeName(name);
  }

  /** {@code ^[A-Za-z0-9_.\-/]*$}: scope names inside another scope. */
  static boolean isValidScopeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 128 || !SCOPE_CHARS[c]) {
        return false;
      }
    }
    return true;
  }

  private static final boolean[] SCOPE_CHARS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      SCOPE_CHARS[c] = isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '/';
    }
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Validates a scope name as {@code Graph.name_scope} does: the root pattern at the root, else the nested one. */
  static void checkScopeName(String name, boolean atRoot) {
    if (atRoot ? !isValidOpName(name) : !isValidScopeName(name)) {
      throw new InvalidScopeNameException("'" + name + "' is not a valid scope name");
    }
  }

  /** Last component of a slash-separated scope name. */
  static String lastComponent(String scopeName) {
    return scopeName.substring(scopeName.lastIndexOf('/') + 1);
  }
}
