package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.VersionDef;

/** Builds and damages checkpoint files for the tests: hex vectors, hand-made indexes, flipped bytes. */
final class CheckpointTestFiles {
  private CheckpointTestFiles() {}

  /** Bytes from hex with any spaces, bars and line breaks between them. */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|+]", ""));
  }

  static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path p, byte[] bytes) {
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips every bit of one byte of a file. */
  static void flipByte(Path p, int offset) {
    byte[] bytes = read(p);
    bytes[offset] ^= (byte) 0xff;
    write(p, bytes);
  }

  static BundleHeaderProto header(int numShards) {
    return BundleHeaderProto.newBuilder().setNumShards(numShards)
        .setVersion(VersionDef.newBuilder().setProducer(1)).build();
  }

  /** One index entry: a key's bytes and the entry. */
  record IndexEntry(byte[] key, BundleEntryProto entry) {
    IndexEntry(String key, BundleEntryProto entry) {
      this(utf8(key), entry);
    }
  }

  /** Writes an index with the given header and entries (which must be in key order). */
  static void writeIndex(Path indexFile, BundleHeaderProto header, List<IndexEntry> entries) {
    try (var out = Files.newOutputStream(indexFile)) {
      TableWriter table = new TableWriter(out);
      table.add(new byte[0], header.toByteArray());
      for (IndexEntry e : entries) {
        table.add(e.key(), e.entry().toByteArray());
      }
      table.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry of an index after the header, parsed. */
  static List<IndexEntry> readIndex(Path indexFile) {
    try {
      List<TableReader.Entry> table = TableReader.readAll(indexFile);
      return table.subList(1, table.size()).stream()
          .map(e -> new IndexEntry(e.key(), parse(e.value())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BundleEntryProto parse(byte[] value) {
    try {
      return BundleEntryProto.parseFrom(value);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The raw value bytes of an index entry. */
  static byte[] entryBytes(Path indexFile, String key) {
    try {
      for (TableReader.Entry e : TableReader.readAll(indexFile)) {
        if (new String(e.key(), StandardCharsets.UTF_8).equals(key)) {
          return e.value();
        }
      }
      throw new AssertionError("no entry " + key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * Writes a table of one data block stored as given (e.g. Snappy-compressed, type 1) with a valid trailer,
   * then the empty metaindex block, the index block and the footer.
   */
  static void writeTable(Path file, byte[] storedBlock, byte type, byte[] lastKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(storedBlock);
    trailer(out, storedBlock, type);
    byte[] meta = new BlockBuilder(16).finish();
    TableFormat.BlockHandle metaHandle = new TableFormat.BlockHandle(out.size(), meta.length);
    out.writeBytes(meta);
    trailer(out, meta, TableFormat.NO_COMPRESSION);
    BlockBuilder indexBlock = new BlockBuilder(1);
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    TableFormat.putHandle(handle, new TableFormat.BlockHandle(0, storedBlock.length));
    indexBlock.add(TableWriter.shortSuccessor(lastKey), handle.toByteArray());
    byte[] index = indexBlock.finish();
    TableFormat.BlockHandle indexHandle = new TableFormat.BlockHandle(out.size(), index.length);
    out.writeBytes(index);
    trailer(out, index, TableFormat.NO_COMPRESSION);
    out.writeBytes(TableFormat.footer(metaHandle, indexHandle));
    write(file, out.toByteArray());
  }

  private static void trailer(ByteArrayOutputStream out, byte[] contents, byte type) {
    out.write(type);
    Varints.putFixed32(out, TableFormat.trailerCrc(contents, 0, contents.length, type));
  }
}
