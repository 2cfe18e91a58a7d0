package io.scopegraph;

import java.util.Objects;

/**
 * A parsed device string, as TF 1.x's {@code DeviceSpec}: {@code /job:ps/replica:0/task:1/device:GPU:0}, with
 * the short forms {@code /cpu:0} and {@code /gpu:1} (printed {@code /device:CPU:0}). Every field may be
 * absent; merging fills the absent fields of one spec from another, which is how nested device scopes combine.
 */
final class DeviceSpec {
  static final DeviceSpec EMPTY = new DeviceSpec(null, null, null, null, null);

  private final String job;
  private final Integer replica;
  private final Integer task;
  private final String deviceType;
  private final Integer deviceIndex;

  private DeviceSpec(String job, Integer replica, Integer task, String deviceType, Integer deviceIndex) {
    this.job = job;
    this.replica = replica;
    this.task = task;
    this.deviceType = deviceType;
    this.deviceIndex = deviceIndex;
  }

  /** TF's {@code DeviceSpec.from_string}; {@code null} and {@code ""} give the empty spec. */
  static DeviceSpec parse(String spec) {
    if (spec == null || spec.isEmpty()) {
      return EMPTY;
    }
    String job = null;
    Integer replica = null;
    Integer task = null;
    String type = null;
    Integer index = null;
    for (String part : spec.split("/", -1)) {
      String[] y = part.split(":", -1);
      int n = y.length;
      if (n == 2 && y[0].equals("job")) {
        job = y[1];
      } else if (n == 2 && y[0].equals("replica")) {
        replica = parseInt(y[1]);
      } else if (n == 2 && y[0].equals("task")) {
        task = parseInt(y[1]);
      } else if ((n == 1 || n == 2) && (y[0].equalsIgnoreCase("GPU") || y[0].equalsIgnoreCase("CPU"))) {
        if (type != null) {
          throw new InvalidDeviceException("Cannot specify multiple device types: " + spec);
        }
        type = y[0].toUpperCase(java.util.Locale.ROOT);
        if (n == 2 && !y[1].equals("*")) {
          index = parseInt(y[1]);
        }
      } else if (n == 3 && y[0].equals("device")) {
        if (type != null) {
          throw new InvalidDeviceException("Cannot specify multiple device types: " + spec);
        }
        type = y[1];
        if (!y[2].equals("*")) {
          index = parseInt(y[2]);
        }
      } else if (!y[0].isEmpty()) {
        throw new InvalidDeviceException("Unknown attribute: '" + y[0] + "' in '" + spec + "'");
      }
    }
    return new DeviceSpec(job, replica, task, type, index);
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      throw new InvalidDeviceException("invalid literal for int() with base 10: '" + s + "'");
    }
  }

  boolean isEmpty() {
    return job == null && replica == null && task == null && deviceType == null && deviceIndex == null;
  }

  /** TF's {@code make_merged_spec(dev)}: this spec with every field {@code dev} sets taken from {@code dev}. */
  DeviceSpec mergedWith(DeviceSpec dev) {
    return new DeviceSpec(
        dev.job != null ? dev.job : job,
        dev.replica != null ? dev.replica : replica,
        dev.task != null ? dev.task : task,
        dev.deviceType != null ? dev.deviceType : deviceType,
        dev.deviceIndex != null ? dev.deviceIndex : deviceIndex);
  }

  /** TF's {@code to_string}: {@code /job:ps/replica:0/task:1/device:GPU:0}; an absent index is {@code *}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (job != null) {
      sb.append("/job:").append(job);
    }
    if (replica != null) {
      sb.append("/replica:").append(replica);
    }
    if (task != null) {
      sb.append("/task:").append(task);
    }
    if (deviceType != null) {
      sb.append("/device:").append(deviceType).append(':').append(deviceIndex == null ? "*" : deviceIndex);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceSpec d && Objects.equals(job, d.job) && Objects.equals(replica, d.replica)
        && Objects.equals(task, d.task) && Objects.equals(deviceType, d.deviceType)
        && Objects.equals(deviceIndex, d.deviceIndex);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, replica, task, deviceType, deviceIndex);
  }
}
