package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorSliceProto;

/**
 * Reads a TensorFlow V2 checkpoint ({@code <prefix>.index} and {@code <prefix>.data-NNNNN-of-NNNNN}), as
 * TensorFlow's {@code BundleReader} / {@code tf.train.load_checkpoint} does: checksums of index blocks and of
 * every tensor read are verified, partitioned tensors are assembled from their slices, and any slice can be
 * read. Corrupt files fail with a {@link CorruptCheckpointException} naming the file. Thread-safe.
 *
 * <pre>{@code
 * try (CheckpointReader reader = CheckpointReader.open("/tmp/train")) { // the newest checkpoint there
 *   NdArray w = reader.read("dense/kernel");
 * }
 * }</pre>
 */
public final class CheckpointReader implements AutoCloseable {
  private final String prefix;
  private final BundleIndex index;
  private final List<String> keys;
  private final Map<Integer, DataFileReader> shards = new HashMap<>();

  private CheckpointReader(String prefix, BundleIndex index) {
    this.prefix = prefix;
    this.index = index;
    this.keys = index.keys();
  }

  /**
   * Opens a checkpoint by prefix ({@code dir/model.ckpt-1000}), or a directory, which means the newest
   * checkpoint its {@code checkpoint} state file names ({@code tf.train.load_checkpoint}). Reads and checks the
   * index; data files are opened when a tensor is read.
   *
   * @throws CheckpointNotFoundException when no {@code <prefix>.index} exists, or a directory names no checkpoint
   * @throws CorruptCheckpointException when the index is not a valid table, or its header or an entry is damaged,
   *     naming the file
   * @throws CheckpointException when the index cannot be read (an I/O error)
   */
  public static CheckpointReader open(String prefixOrDirectory) {
    String prefix = Checkpoints.resolve(prefixOrDirectory);
    Path indexFile = CheckpointFiles.index(prefix);
    if (!Files.isRegularFile(indexFile)) {
      throw new CheckpointNotFoundException(
          "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for " + prefix);
    }
    try {
      return new CheckpointReader(prefix, BundleIndex.read(indexFile));
    } catch (IOException e) {
      throw new CheckpointException("Failed to read " + indexFile + ": " + e.getMessage(), e);
    }
  }

  /** {@link #open(String)} for a path. */
  public static CheckpointReader open(Path prefixOrDirectory) {
    return open(prefixOrDirectory.toString());
  }

  /** The checkpoint's prefix (the path without {@code .index}). */
  public String prefix() {
    return prefix;
  }

  /** The tensor keys in the checkpoint's (bytewise) order: no header, no slice entries. */
  public List<String> keys() {
    return keys;
  }

  public boolean contains(String key) {
    return index.entry(key) != null;
  }

  /** The full shape of a tensor (a partitioned tensor's whole shape). */
  public Shape shape(String key) {
    return BundleIndex.shape(entry(key));
  }

  /** TensorFlow's Python name of a tensor's dtype: {@code float32}, {@code float16}, {@code string}, … */
  public String dtypeName(String key) {
    return DataTypes.pythonName(entry(key).getDtype());
  }

  /**
   * The runtime dtype of a tensor.
   *
   * @throws CheckpointException for a dtype the runtime lacks (e.g. float16)
   * @throws CorruptCheckpointException for an entry whose dtype is no TensorFlow dtype
   */
  public DType dtype(String key) {
    BundleEntryProto entry = entry(key);
    if (entry.getDtype() == DataType.DT_INVALID || entry.getDtype() == DataType.UNRECOGNIZED) {
      throw new CorruptCheckpointException(index.source() + ": entry " + key + " has no valid dtype (enum value "
          + entry.getDtypeValue() + ")");
    }
    try {
      return DataTypes.fromProto(entry.getDtype(), "Tensor " + key);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("Tensor " + key + " in checkpoint " + prefix + " has dtype "
          + DataTypes.pythonName(entry.getDtype()) + ", which the scopegraph runtime does not support (float32, "
          + "float64, int32, int64, bool, string)");
    }
  }

  /** Whether the tensor was saved in slices (a partitioned variable). */
  public boolean isPartitioned(String key) {
    return entry(key).getSlicesCount() > 0;
  }

  /**
   * The whole tensor (assembled from its slices when partitioned); checksums verified.
   *
   * @throws CheckpointNotFoundException when the checkpoint has no tensor {@code key}
   * @throws CorruptCheckpointException when its entry or data is damaged (a size or offset past the data file, a
   *     checksum that does not match, a missing data shard), naming the file
   * @throws CheckpointMismatchException when a partitioned tensor's stored slices do not cover it
   * @throws CheckpointException when its dtype is one the runtime lacks (float16, …)
   */
  public NdArray read(String key) {
    return read(key, "");
  }

  /**
   * A tensor or a slice of it, as {@code RestoreV2} reads with a {@code shape_and_slices} string: {@code ""} is
   * the whole tensor, {@code "4 2 0,2:-"} the slice rows 0..1 of a {@code [4, 2]} tensor.
   *
   * @throws CheckpointMismatchException when the spec's full shape is not the stored shape, or the stored
   *     slices do not cover the slice
   * @throws IllegalArgumentException when the spec is malformed
   * @throws CorruptCheckpointException when the entries or data read are damaged, naming the file
   */
  public NdArray read(String key, String shapeAndSlice) {
    BundleEntryProto entry = entry(key);
    DType dtype = dtype(key);
    Shape full = BundleIndex.shape(entry);
    TensorSlice slice = TensorSlice.full(full.rank());
    Shape shape = full;
    if (!shapeAndSlice.isEmpty()) {
      ShapeAndSlice spec = ShapeAndSlice.parse(shapeAndSlice);
      if (!spec.fullShape().equals(full)) {
        throw new CheckpointMismatchException("tensor_name = " + key + "; shape in shape_and_slice spec "
            + spec.fullShape().toDimsString() + " does not match the shape stored in checkpoint: "
            + full.toDimsString());
      }
      slice = spec.slice();
      shape = spec.sliceShape();
    }
    try {
      return NdArray.wrap(dtype, shape, readSlice(key, entry, dtype, full, slice)); // a new array, handed over
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read tensor " + key + " of checkpoint " + prefix, e);
    }
  }

  /** One stored piece of a tensor: a slice, its entry, and the part of the wanted slice it holds. */
  private record Piece(TensorSlice stored, BundleEntryProto entry, TensorSlice region) {}

  /** Reads {@code want} from the stored slices that hold it (the whole tensor being one slice when not partitioned). */
  private Object readSlice(String key, BundleEntryProto entry, DType dtype, Shape full, TensorSlice want)
      throws IOException {
    List<Piece> pieces = pieces(key, entry, full, want);
    long wanted = want.shapeIn(full).numElements();
    long covered = 0;
    for (Piece p : pieces) {
      covered += p.region().shapeIn(full).numElements();
      check(key, dtype, p); // every piece's size is checked against its file before anything is allocated
    }
    if (covered != wanted) {
      throw new CheckpointMismatchException("Does not have sufficient slices for partitioned tensor " + key
          + " to restore in slice_spec: " + want);
    }
    if (pieces.size() == 1 && (pieces.get(0).stored().equals(want)
        || pieces.get(0).stored().coversAll(full) && want.coversAll(full))) {
      return readEntry(key, dtype, pieces.get(0)); // the common case: no copy
    }
    Object out = newArray(dtype, Math.toIntExact(wanted));
    for (Piece p : pieces) {
      SliceCopy.copy(full, readEntry(key, dtype, p), p.stored(), out, want, p.region());
    }
    return out;
  }

  private List<Piece> pieces(String key, BundleEntryProto entry, Shape full, TensorSlice want) {
    String where = index.source() + " (key " + key + ")";
    List<TensorSlice> stored = new ArrayList<>();
    for (TensorSliceProto proto : entry.getSlicesList()) {
      TensorSlice s = TensorSlice.fromProto(proto, where);
      String misfit = s.misfit(full);
      if (misfit != null) {
        throw new CorruptCheckpointException(where + ": " + misfit);
      }
      for (TensorSlice other : stored) {
        if (s.intersect(other) != null) {
          throw new CorruptCheckpointException(where + ": Overlapping slices: existing slice = " + other
              + ", new slice = " + s);
        }
      }
      stored.add(s);
    }
    List<Piece> pieces = new ArrayList<>();
    if (stored.isEmpty()) {
      pieces.add(new Piece(TensorSlice.full(full.rank()), entry, want));
    }
    for (TensorSlice s : stored) {
      TensorSlice region = s.intersect(want);
      if (region != null) {
        BundleEntryProto sliceEntry = index.sliceEntry(key, s);
        if (sliceEntry.getDtype() != entry.getDtype() || !BundleIndex.shape(sliceEntry).equals(s.shapeIn(full))) {
          throw new CorruptCheckpointException(where + ": the entry of slice " + s + " has dtype "
              + DataTypes.pythonName(sliceEntry.getDtype()) + " and shape "
              + BundleIndex.shape(sliceEntry).toDimsString() + ", not " + DataTypes.pythonName(entry.getDtype())
              + " " + s.shapeIn(full).toDimsString());
        }
        pieces.add(new Piece(s, sliceEntry, region));
      }
    }
    return pieces;
  }

  private void check(String key, DType dtype, Piece p) throws IOException {
    BundleEntryProto e = p.entry();
    shard(key, e).check(key, dtype, BundleIndex.shape(e).numElements(), e.getOffset(), e.getSize());
  }

  private Object readEntry(String key, DType dtype, Piece p) throws IOException {
    BundleEntryProto e = p.entry();
    return shard(key, e).read(key, dtype, BundleIndex.shape(e).numElements(), e.getOffset(), e.getSize(),
        e.getCrc32C(), index.order());
  }

  private static Object newArray(DType dtype, int n) {
    return dtype.isString() ? new byte[n][] : ElementCodec.of(dtype).newArray(n);
  }

  /** The data file an entry lives in, opened on first use (reads themselves need no lock). */
  private synchronized DataFileReader shard(String key, BundleEntryProto entry) throws IOException {
    int id = entry.getShardId();
    int count = index.numShards();
    if (id < 0 || id >= count) {
      throw new CorruptCheckpointException(index.source() + ": entry " + key + " is in data shard " + id
          + ", but the checkpoint has " + count + " shards");
    }
    DataFileReader shard = shards.get(id);
    if (shard == null) {
      Path file = CheckpointFiles.data(prefix, id, count);
      try {
        shard = new DataFileReader(file, FileChannel.open(file));
      } catch (NoSuchFileException e) {
        throw new CorruptCheckpointException("Data file " + file + " of checkpoint " + prefix + " is missing");
      }
      shards.put(id, shard);
    }
    return shard;
  }

  private BundleEntryProto entry(String key) {
    BundleEntryProto entry = index.entry(key);
    if (entry == null) {
      throw new CheckpointNotFoundException("Key " + key + " not found in checkpoint");
    }
    return entry;
  }

  /**
   * The checkpoint key a missing {@code key} most likely meant, for error messages: a key with the same leaf
   * under another scope ({@code tower_1/w} for {@code tower/w}), else one a small edit away; null when none is
   * close.
   */
  public String closestKey(String key) {
    return KeySuggestions.closest(keys, key);
  }

  /** Closes the data files opened so far. */
  @Override
  public synchronized void close() {
    IOException failure = null;
    for (DataFileReader shard : shards.values()) {
      try {
        shard.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    shards.clear();
    if (failure != null) {
      throw new UncheckedIOException(failure);
    }
  }
}
