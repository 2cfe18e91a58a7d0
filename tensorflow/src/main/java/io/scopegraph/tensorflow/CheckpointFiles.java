package io.scopegraph.tensorflow;

import java.nio.file.Path;

/** The file names of a checkpoint prefix (TensorFlow's {@code tensor_bundle/naming.cc}). */
final class CheckpointFiles {
  private CheckpointFiles() {}

  static Path index(String prefix) {
    return Path.of(prefix + ".index");
  }

  static Path data(String prefix, int shard, int numShards) {
    return Path.of(String.format("%s.data-%05d-of-%05d", prefix, shard, numShards));
  }
}
