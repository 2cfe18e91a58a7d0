package io.scopegraph.tensorflow;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.scopegraph.Shape;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TensorSliceProto;
import org.tensorflow.proto.VersionDef;

/**
 * A checkpoint's parsed {@code .index}: the header (checked as TensorFlow's {@code BundleReader} does), and
 * every entry with a valid shape. The entries of a partitioned tensor's slices are told apart from the tensor
 * keys the way TensorFlow's {@code CheckpointReader} hides them: by the slice keys the full entries list.
 */
final class BundleIndex {
  /** The format version this reader implements ({@code kTensorBundleVersion}), and the oldest it reads. */
  private static final int VERSION = 1;
  private static final int MIN_PRODUCER = 0;

  private final String source;
  private final int numShards;
  private final ByteOrder order;
  private final Map<ByteString, BundleEntryProto> entries;
  private final Map<String, BundleEntryProto> tensors;

  private BundleIndex(String source, int numShards, ByteOrder order, Map<ByteString, BundleEntryProto> entries,
      Map<String, BundleEntryProto> tensors) {
    this.source = source;
    this.numShards = numShards;
    this.order = order;
    this.entries = entries;
    this.tensors = tensors;
  }

  static BundleIndex read(Path indexFile) throws IOException {
    String source = indexFile.toString();
    List<TableReader.Entry> table = TableReader.readAll(indexFile);
    if (table.isEmpty() || table.get(0).key().length != 0) {
      throw new CorruptCheckpointException(source + ": failed to seek to header entry");
    }
    BundleHeaderProto header;
    try {
      header = BundleHeaderProto.parseFrom(table.get(0).value());
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptCheckpointException(source + ": unable to parse header", e);
    }
    checkVersion(header.getVersion(), source);
    ByteOrder order = header.getEndianness() == BundleHeaderProto.Endianness.BIG
        ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

    Map<ByteString, BundleEntryProto> entries = new LinkedHashMap<>();
    Set<ByteString> sliceKeys = new HashSet<>();
    for (TableReader.Entry e : table.subList(1, table.size())) {
      ByteString key = ByteString.copyFrom(e.key());
      BundleEntryProto entry;
      try {
        entry = BundleEntryProto.parseFrom(e.value());
      } catch (InvalidProtocolBufferException ex) {
        throw new CorruptCheckpointException(source + ": Entry for key " + key.toStringUtf8() + " not parseable.",
            ex);
      }
      checkShape(entry.getShape(), key, source);
      entries.put(key, entry);
      for (TensorSliceProto slice : entry.getSlicesList()) {
        String name = key.toStringUtf8();
        sliceKeys.add(ByteString.copyFrom(TensorSlice.fromProto(slice, source + " (key " + name + ")")
            .checkpointKey(name)));
      }
    }
    Map<String, BundleEntryProto> tensors = new LinkedHashMap<>();
    entries.forEach((key, entry) -> {
      if (!sliceKeys.contains(key)) {
        tensors.put(key.toString(StandardCharsets.UTF_8), entry);
      }
    });
    return new BundleIndex(source, header.getNumShards(), order, entries, tensors);
  }

  /** TensorFlow's {@code CheckVersions} for checkpoints. */
  private static void checkVersion(VersionDef v, String source) {
    if (v.getProducer() < MIN_PRODUCER) {
      throw new CorruptCheckpointException(source + ": Checkpoint producer version " + v.getProducer()
          + " below min producer " + MIN_PRODUCER + " supported by this reader. Please regenerate your checkpoint.");
    }
    if (v.getMinConsumer() > VERSION) {
      throw new CorruptCheckpointException(source + ": Checkpoint min consumer version " + v.getMinConsumer()
          + " above current version " + VERSION + " of this reader. Please upgrade the reader.");
    }
    if (v.getBadConsumersList().contains(VERSION)) {
      throw new CorruptCheckpointException(source + ": Checkpoint disallows consumer version " + VERSION
          + ". Please upgrade the reader: this version is likely buggy.");
    }
  }

  /** TensorFlow's {@code TensorShape::IsValid}: known rank, no negative size, an element count that fits. */
  private static void checkShape(TensorShapeProto shape, ByteString key, String source) {
    boolean valid = !shape.getUnknownRank() && shape.getDimCount() <= 254;
    long elements = 1;
    for (int d = 0; valid && d < shape.getDimCount(); d++) {
      long size = shape.getDim(d).getSize();
      valid = size >= 0 && (size == 0 || elements <= Long.MAX_VALUE / size);
      elements = valid ? elements * size : elements;
    }
    if (!valid) {
      throw new CorruptCheckpointException(source + ": Invalid tensor shape: " + key.toStringUtf8() + " "
          + shape.toString().replace('\n', ' ').trim());
    }
  }

  String source() {
    return source;
  }

  int numShards() {
    return numShards;
  }

  ByteOrder order() {
    return order;
  }

  /** The tensor keys in the index's (bytewise) order: no header, no slice entries. */
  List<String> keys() {
    return Collections.unmodifiableList(new ArrayList<>(tensors.keySet()));
  }

  /** A tensor's entry, or null when the checkpoint has no tensor {@code key}. */
  BundleEntryProto entry(String key) {
    return tensors.get(key);
  }

  /** The entry of one stored slice of a partitioned tensor; a listed slice without one is corrupt. */
  BundleEntryProto sliceEntry(String key, TensorSlice slice) {
    BundleEntryProto entry = entries.get(ByteString.copyFrom(slice.checkpointKey(key)));
    if (entry == null) {
      throw new CorruptCheckpointException(source + ": partitioned tensor " + key + " lists slice " + slice
          + ", whose entry is missing");
    }
    return entry;
  }

  static Shape shape(BundleEntryProto entry) {
    return TensorShapes.fromProto(entry.getShape());
  }
}
