package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * Writes a TensorFlow V2 checkpoint as {@code SaveV2} does: {@code <prefix>.index} and
 * {@code <prefix>.data-00000-of-00001}, byte for byte as TensorFlow writes them. Tensor bytes are streamed to
 * a temporary data file as they are added; {@link #finish()} writes the index and gives both files their
 * names. Not thread-safe.
 *
 * <pre>{@code
 * try (CheckpointWriter writer = CheckpointWriter.create("/tmp/train/model.ckpt-1")) {
 *   writer.add("dense/kernel", kernel).add("dense/bias", bias);
 *   writer.finish();
 * }
 * }</pre>
 */
public final class CheckpointWriter implements AutoCloseable {
  /** The header entry's bytes are fixed: one shard, little-endian, format version 1. */
  private static final byte[] HEADER = BundleHeaderProto.newBuilder()
      .setNumShards(1)
      .setEndianness(BundleHeaderProto.Endianness.LITTLE)
      .setVersion(VersionDef.newBuilder().setProducer(1))
      .build()
      .toByteArray();

  private final String prefix;
  private final Path dataTemp;
  private final DataFileWriter data;
  /** The index entries by key, in the unsigned bytewise order the index needs. */
  private final Map<byte[], BundleEntryProto.Builder> entries = new TreeMap<>(Arrays::compareUnsigned);
  private Path indexTemp;
  private boolean done;

  private CheckpointWriter(String prefix, Path dataTemp, DataFileWriter data) {
    this.prefix = prefix;
    this.dataTemp = dataTemp;
    this.data = data;
  }

  /**
   * Starts a checkpoint at {@code prefix}; nothing is visible at the prefix until {@link #finish()}. The
   * prefix's directory is created if its parent exists (TensorFlow creates one level).
   *
   * @throws CheckpointException when the prefix's directory cannot be created
   */
  public static CheckpointWriter create(String prefix) {
    Path parent = Path.of(prefix).toAbsolutePath().getParent();
    try {
      Files.createDirectory(parent);
    } catch (FileAlreadyExistsException e) {
      // the usual case
    } catch (NoSuchFileException e) {
      throw new CheckpointException("Parent directory of " + prefix + " doesn't exist, can't save.");
    } catch (IOException e) {
      throw new CheckpointException("Failed to create the directory of " + prefix + ": " + e, e);
    }
    Path temp = tempFile(CheckpointFiles.data(prefix, 0, 1));
    try {
      return new CheckpointWriter(prefix, temp, new DataFileWriter(temp));
    } catch (IOException e) {
      throw new CheckpointException("Failed to create " + temp + ": " + e, e);
    }
  }

  /**
   * Adds a whole tensor under {@code key}; keys are unique and may come in any order.
   *
   * @throws IllegalArgumentException for a key already added ({@code Adding duplicate key: <key>})
   */
  public CheckpointWriter add(String key, NdArray value) {
    byte[] k = keyBytes(key);
    checkOpen();
    if (entries.containsKey(k)) {
      throw new IllegalArgumentException("Adding duplicate key: " + key);
    }
    entries.put(k, writeData(key, value));
    return this;
  }

  /**
   * Adds one slice of a partitioned tensor, as {@code SaveV2} with a {@code shape_and_slices} string such as
   * {@code "4 2 0,2:0,2"} (full shape, then {@code start,length} or {@code -} per dimension); {@code ""} is
   * {@link #add}. The tensor's entry lists its slices; each slice is an entry of its own.
   *
   * @throws IllegalArgumentException when the spec is malformed or does not match the slice's shape, dtype or
   *     the tensor's earlier slices, or the slice was already added
   */
  public CheckpointWriter add(String key, String shapeAndSlice, NdArray slice) {
    if (shapeAndSlice.isEmpty()) {
      return add(key, slice);
    }
    ShapeAndSlice spec = ShapeAndSlice.parse(shapeAndSlice);
    if (!spec.sliceShape().equals(slice.shape())) {
      throw new IllegalArgumentException("Slice in shape_and_slice specification does not match the shape of the "
          + "tensor to  save: " + shapeAndSlice + ", tensor: " + slice.shape().toDimsString());
    }
    if (spec.slice().coversAll(spec.fullShape())) {
      return add(key, slice); // a slice that is the whole tensor is saved as the tensor
    }
    byte[] k = keyBytes(key);
    checkOpen();
    BundleEntryProto.Builder full = entries.get(k);
    TensorShapeProto fullShape = TensorShapes.toProto(spec.fullShape());
    if (full == null) {
      full = BundleEntryProto.newBuilder().setDtype(DataTypes.toProto(slice.dtype())).setShape(fullShape);
      entries.put(k, full);
    } else if (full.getSlicesCount() == 0) {
      throw new IllegalArgumentException("Adding duplicate key: " + key + " (saved whole, now a slice)");
    } else if (full.getDtype() != DataTypes.toProto(slice.dtype()) || !full.getShape().equals(fullShape)) {
      throw new IllegalArgumentException("Slice " + shapeAndSlice + " of " + key + " is " + slice.dtype() + " of "
          + "full shape " + spec.fullShape().toDimsString() + ", but earlier slices are "
          + DataTypes.pythonName(full.getDtype()) + " of " + TensorShapes.fromProto(full.getShape()).toDimsString());
    }
    byte[] sliceKey = spec.slice().checkpointKey(key);
    if (entries.containsKey(sliceKey)) {
      throw new IllegalArgumentException("Adding duplicate key: " + key + " slice " + spec.slice());
    }
    full.addSlices(spec.slice().toProto());
    entries.put(sliceKey, writeData(key, slice));
    return this;
  }

  private BundleEntryProto.Builder writeData(String key, NdArray value) {
    DataFileWriter.Written w;
    try {
      w = data.write(value);
    } catch (IOException e) {
      throw new CheckpointException("Failed to write tensor " + key + " to " + dataTemp + ": " + e, e);
    }
    // proto3 omits zero offsets and sizes, but the shape is always written (a scalar's is "12 00")
    return BundleEntryProto.newBuilder()
        .setDtype(DataTypes.toProto(value.dtype()))
        .setShape(TensorShapes.toProto(value.shape()))
        .setOffset(w.offset())
        .setSize(w.size())
        .setCrc32C(w.maskedCrc());
  }

  /** Writes the index and moves the files to their final names. */
  public void finish() {
    checkOpen();
    done = true;
    Path dataFile = CheckpointFiles.data(prefix, 0, 1);
    Path indexFile = CheckpointFiles.index(prefix);
    indexTemp = tempFile(indexFile);
    try {
      data.close();
      move(dataTemp, dataFile);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(indexTemp), 1 << 16)) {
        TableWriter table = new TableWriter(out);
        table.add(new byte[0], HEADER);
        for (Map.Entry<byte[], BundleEntryProto.Builder> e : entries.entrySet()) {
          table.add(e.getKey(), e.getValue().build().toByteArray());
        }
        table.finish();
      }
      move(indexTemp, indexFile);
    } catch (IOException e) {
      deleteTemps();
      throw new CheckpointException("Failed to write checkpoint " + prefix + ": " + e, e);
    }
  }

  /** Abandons an unfinished checkpoint, deleting its temporary files; does nothing after {@link #finish()}. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      deleteTemps();
    }
  }

  private void deleteTemps() {
    try {
      data.close();
    } catch (IOException e) {
      // abandoned: the file is deleted below
    }
    for (Path p : new Path[] {dataTemp, indexTemp}) {
      try {
        if (p != null) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // best effort, as TensorFlow's cleanup
      }
    }
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("The checkpoint writer for " + prefix + " is finished or closed");
    }
  }

  private static byte[] keyBytes(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("The empty key is the checkpoint's header; a tensor needs a name");
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** A temporary name next to {@code file}, as TensorFlow's {@code <file>.tempstate<random>}. */
  private static Path tempFile(Path file) {
    return Path.of(file + ".tempstate" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
