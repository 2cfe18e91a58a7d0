package io.scopegraph.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** The value of one HotSpot VM option, or null on a VM (or a trimmed runtime image) that does not tell. */
final class HotSpotFlags {
  private HotSpotFlags() {}

  static String get(String name) {
    try {
      HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return bean == null ? null : bean.getVMOption(name).getValue();
    } catch (RuntimeException | LinkageError e) { // no such option, not HotSpot, or no jdk.management module
      return null;
    }
  }
}
