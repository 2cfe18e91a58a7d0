package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Builds one table block (TensorFlow's {@code block_builder.cc}): entries whose keys share a prefix with the
 * previous key store only the rest; every {@code restartInterval} entries a key is stored whole and its offset
 * is recorded, so a reader can binary-search the block. The restart offsets and their count end the block.
 */
final class BlockBuilder {
  private final int restartInterval;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private int[] restarts = new int[16];
  private int restartCount;
  private int counter;
  private byte[] lastKey = new byte[0];

  BlockBuilder(int restartInterval) {
    this.restartInterval = restartInterval;
    reset();
  }

  void reset() {
    buffer.reset();
    restarts[0] = 0;
    restartCount = 1;
    counter = 0;
    lastKey = new byte[0];
  }

  boolean isEmpty() {
    return buffer.size() == 0;
  }

  /** The size of the block if it were finished now. */
  int sizeEstimate() {
    return buffer.size() + 4 * restartCount + 4;
  }

  /** Adds an entry; keys must come in increasing order. */
  void add(byte[] key, byte[] value) {
    int shared = 0;
    if (counter < restartInterval) {
      int max = Math.min(lastKey.length, key.length);
      while (shared < max && lastKey[shared] == key[shared]) {
        shared++;
      }
    } else {
      if (restartCount == restarts.length) {
        restarts = Arrays.copyOf(restarts, restartCount * 2);
      }
      restarts[restartCount++] = buffer.size();
      counter = 0;
    }
    Varints.putVarint64(buffer, shared);
    Varints.putVarint64(buffer, key.length - shared);
    Varints.putVarint64(buffer, value.length);
    buffer.write(key, shared, key.length - shared);
    buffer.writeBytes(value);
    lastKey = key;
    counter++;
  }

  /** The block's contents: the entries, then the restart array and its length. */
  byte[] finish() {
    for (int i = 0; i < restartCount; i++) {
      Varints.putFixed32(buffer, restarts[i]);
    }
    Varints.putFixed32(buffer, restartCount);
    return buffer.toByteArray();
  }
}
