package io.scopegraph.layers;

import java.util.Locale;

/** Keras' {@code conv_utils}: the checks and normal forms of convolution and pooling arguments, with TF's texts. */
final class ConvArguments {
  private ConvArguments() {}

  /** {@code normalize_tuple(value, 2, name)}: one int stands for both dimensions. */
  static int[] pair(int[] value, String name) {
    if (value != null && value.length == 1) {
      return new int[] {value[0], value[0]};
    }
    if (value == null || value.length != 2) {
      throw new LayerArgumentException("The `" + name + "` argument must be a tuple of 2 integers. Received: "
          + pythonTuple(value));
    }
    return value.clone();
  }

  /** {@code normalize_padding}: case-insensitive {@code valid} or {@code same}; returns TF's op form. */
  static String padding(String value) {
    String p = value == null ? "null" : value.toLowerCase(Locale.ROOT);
    if (p.equals("causal")) {
      throw new LayerArgumentException("Causal padding is only supported for `Conv1D`and ``SeparableConv1D`.");
    }
    if (!p.equals("valid") && !p.equals("same")) {
      throw new LayerArgumentException("The `padding` argument must be a list/tuple or one of \"valid\", \"same\""
          + " (or \"causal\", only for `Conv1D). Received: " + p);
    }
    return p.toUpperCase(Locale.ROOT);
  }

  /** {@code normalize_data_format} + {@code convert_data_format}: {@code channels_last} → {@code NHWC}. */
  static String dataFormat(String value) {
    String f = value == null ? "channels_last" : value.toLowerCase(Locale.ROOT);
    return switch (f) {
      case "channels_last" -> "NHWC";
      case "channels_first" -> "NCHW";
      default -> throw new LayerArgumentException("The `data_format` argument must be one of \"channels_first\","
          + " \"channels_last\". Received: " + value);
    };
  }

  /** The four-element form of a two-element window for {@code data_format}. */
  static int[] window(int[] hw, String dataFormat) {
    return dataFormat.equals("NHWC") ? new int[] {1, hw[0], hw[1], 1} : new int[] {1, 1, hw[0], hw[1]};
  }

  static String pythonTuple(int[] value) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < value.length; i++) {
      b.append(i == 0 ? "" : ", ").append(value[i]);
    }
    return b.append(value.length == 1 ? ",)" : ")").toString();
  }
}
