package io.scopegraph.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's {@link Trees} for a processing environment, unwrapping the wrappers build tools put around it
 * (Gradle's incremental {@code delegate} field, IntelliJ's proxy whose handler keeps the environment in a
 * captured field) by reflection. Null when there are no trees (another compiler, an unknown wrapper).
 */
final class TreesAccess {
  private TreesAccess() {}

  static Trees trees(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; current != null && depth < 8; depth++) {
      try {
        return Trees.instance(current);
      } catch (Throwable notJavac) { // IllegalArgumentException for wrappers; NoClassDefFoundError off javac
        current = unwrap(current);
      }
    }
    return null;
  }

  /** The environment a wrapper delegates to: a non-static field of type ProcessingEnvironment. */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    Object holder = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            Object inner = f.get(holder);
            if (inner != null && inner != env) {
              return (ProcessingEnvironment) inner;
            }
          } catch (RuntimeException | IllegalAccessException e) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
