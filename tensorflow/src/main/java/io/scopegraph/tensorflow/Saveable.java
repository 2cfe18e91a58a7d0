package io.scopegraph.tensorflow;

import io.scopegraph.Variable;

/**
 * One tensor a {@link Saver} saves and restores: a variable, or one shard of a partitioned variable, under its
 * checkpoint key, with the shard's slice spec ({@code ""} for a whole variable).
 */
record Saveable(String key, Variable variable, String sliceSpec) {
  boolean isSlice() {
    return !sliceSpec.isEmpty();
  }
}
