package io.scopegraph;

import java.util.function.Function;

/**
 * One thread's open device scopes ({@code tf.device}), innermost first; immutable, so a scope entry restores
 * the stack it saved. TF's {@code _apply_device_functions}: each scope, innermost first, gets its say on a new
 * op's device: a device string fills the fields the op's device does not set yet (so an inner {@code /cpu:0}
 * under an outer {@code /job:ps} gives {@code /job:ps/device:CPU:0}), a function returns the device outright
 * (it sees the op and its device so far), and a {@code null} scope stops the walk (outer scopes ignored).
 */
final class DeviceStack {
  static final DeviceStack EMPTY = new DeviceStack(null, null);
  /** The entry of {@code tf.device(None)}. */
  private static final Object RESET = new Object();

  private final DeviceStack outer;
  private final Object entry; // DeviceSpec, Function<Operation, String> or RESET

  private DeviceStack(DeviceStack outer, Object entry) {
    this.outer = outer;
    this.entry = entry;
  }

  /** The stack with a device string scope on top; {@code null} resets, {@code ""} changes nothing. */
  DeviceStack push(String device) {
    return new DeviceStack(this, device == null ? RESET : DeviceSpec.parse(device));
  }

  /** The stack with a device function on top. */
  DeviceStack push(Function<Operation, String> function) {
    return new DeviceStack(this, function);
  }

  /** Sets the device of a new op: its requested device ({@link Operation#device()}) merged through the scopes. */
  @SuppressWarnings("unchecked")
  void apply(Operation op) {
    for (DeviceStack s = this; s != EMPTY; s = s.outer) {
      if (s.entry == RESET) {
        return;
      }
      if (s.entry instanceof DeviceSpec spec) {
        if (!spec.isEmpty()) {
          op.setDevice(spec.mergedWith(DeviceSpec.parse(op.device())).toString());
        }
      } else {
        op.setDevice(((Function<Operation, String>) s.entry).apply(op));
      }
    }
  }
}
