package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/**
 * TF 1.15's Python-side argument processing of {@code tf.nn.conv2d}, {@code max_pool} and {@code avg_pool}
 * ({@code nn_ops._get_sequence}, the op-def library's allowed-value and dtype checks), so the facade fails where
 * and as TF does, before anything is added to the graph.
 */
final class ConvArgs {
  static final List<String> CONV_PADDINGS = List.of("SAME", "VALID", "EXPLICIT");
  static final List<String> POOL_PADDINGS = List.of("SAME", "VALID");
  static final List<String> CONV_FORMATS = List.of("NHWC", "NCHW");
  static final List<String> POOL_FORMATS = List.of("NHWC", "NCHW", "NCHW_VECT_C");

  private ConvArgs() {}

  /**
   * {@code _get_sequence(value, 2, channel_index, name)}: one value for both spatial dimensions, two (rows,
   * columns), or all four as given; the batch and channel entries are 1.
   */
  static List<Long> sequence(int[] value, String dataFormat, String name) {
    int[] v = value == null ? new int[] {1} : value;
    List<Long> out = new ArrayList<>();
    if (v.length == 4) {
      for (int x : v) {
        out.add((long) x);
      }
      return out;
    }
    if (v.length != 1 && v.length != 2) {
      throw new InvalidOpArgumentException(name + " should be of length 1, 2 or 4 but was " + v.length);
    }
    long rows = v[0];
    long cols = v.length == 2 ? v[1] : v[0];
    return channelsFirst(dataFormat) ? List.of(1L, 1L, rows, cols) : List.of(1L, rows, cols, 1L);
  }

  /** {@code channel_index = 1 if data_format.startswith("NC") else 3}. */
  static boolean channelsFirst(String dataFormat) {
    return dataFormat.startsWith("NC");
  }

  /** The op-def library's check of a string attribute against its allowed values. */
  static String allowed(String op, String attr, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      StringBuilder sb = new StringBuilder();
      for (String a : allowed) {
        sb.append(sb.length() > 0 ? ", " : "").append('"').append(a).append('"');
      }
      throw new InvalidOpArgumentException("Attr '" + attr + "' of '" + op + "' Op passed string '" + value
          + "' not in: " + sb + ".");
    }
    return value;
  }

  /** A padding or data format TF accepts but the runtime cannot run: rejected up front, naming the alternative. */
  static void supported(String op, String attr, String value, String instead) {
    if (value.equals("EXPLICIT") || value.equals("NCHW_VECT_C")) {
      throw new UnsupportedOperationException(op + " with " + attr + " \"" + value + "\" is not supported by "
          + "scopegraph; use " + instead);
    }
  }

  /**
   * The op-def library's check of the type attribute {@code T} of input {@code arg}: {@code allowed} are TF's
   * allowed types that the runtime has, {@code tfList} TF's whole list as its message prints it.
   */
  static void dtype(String op, Tensor x, String arg, String tfList, DType... allowed) {
    for (DType d : allowed) {
      if (x.dtype() == d) {
        return;
      }
    }
    throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + x.dtype()
        + " not in list of allowed values: " + tfList);
  }

  static List<Long> list(int[] values) {
    List<Long> out = new ArrayList<>();
    for (int v : values) {
      out.add((long) v);
    }
    return out;
  }
}
