package io.scopegraph;

import java.util.List;

/**
 * Registers op types from another module, found with {@link java.util.ServiceLoader} when the
 * {@link OpRegistry} first loads: list the implementing class in
 * {@code META-INF/services/io.scopegraph.OpProvider}. The {@code scopegraph-tensorflow} module registers
 * {@code SaveV2} and {@code RestoreV2} this way. Built-in types cannot be replaced; of two providers
 * defining one type, loading fails and names both.
 */
public interface OpProvider {
  List<OpDef> ops();
}
