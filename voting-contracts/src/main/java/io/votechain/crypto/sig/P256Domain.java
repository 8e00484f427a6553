package io.votechain.crypto.sig;

import io.votechain.crypto.hash.Sha256;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;

/** P-256 domain for ECDSA, on BouncyCastle's fast custom curve implementation. */
final class P256Domain {
  static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = X9.getCurve();
  static final ECDomainParameters PARAMS =
      new ECDomainParameters(X9.getCurve(), X9.getG(), X9.getN(), X9.getH());
  static final BigInteger HALF_N = X9.getN().shiftRight(1);

  private P256Domain() {}

  static byte[] digest(byte[] message) {
    return Sha256.newDigest().digest(message);
  }
}
