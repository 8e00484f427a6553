package io.votechain.crypto.group;

import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Reads what BouncyCastle has precomputed for a point: the protected {@code preCompTable} of {@link
 * ECPoint} (validity record, WNAF and comb tables). Reflection, because BouncyCastle only lets one
 * look up an entry by a name, and a test looking for known names would miss a new one.
 */
public final class Precomputation {
  private static final Field TABLE;

  static {
    try {
      TABLE = ECPoint.class.getDeclaredField("preCompTable");
      TABLE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Precomputation() {}

  /** The names of the entries kept on {@code p}; empty for a bare point. */
  public static Set<?> of(ECPoint p) {
    try {
      Hashtable<?, ?> table = (Hashtable<?, ?>) TABLE.get(p);
      return table == null ? Set.of() : Set.copyOf(table.keySet());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
