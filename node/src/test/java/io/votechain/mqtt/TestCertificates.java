package io.votechain.mqtt;

import io.votechain.crypto.sig.EcdsaP256Signer;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * X.509 certificates for the TLS tests, built with BouncyCastle's ASN.1 classes (bcprov; no
 * bcpkix): a self-signed P-256 CA, a server certificate for 127.0.0.1, and a device certificate
 * whose key is the device's registered key.
 */
public final class TestCertificates {
  private static final AlgorithmIdentifier ECDSA_SHA256 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

  private TestCertificates() {}

  public record Issued(KeyPair keys, X509Certificate certificate) {}

  public static KeyPair newKeyPair(SecureRandom random) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  /** The JCA form of a device key (same scalar, same point). */
  static KeyPair jca(EcdsaP256Signer device) throws Exception {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
    var point =
        CustomNamedCurves.getByName("secp256r1")
            .getCurve()
            .decodePoint(device.publicKey().encoded())
            .normalize();
    KeyFactory f = KeyFactory.getInstance("EC");
    PublicKey pub =
        f.generatePublic(
            new ECPublicKeySpec(
                new ECPoint(
                    point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger()),
                spec));
    PrivateKey priv =
        f.generatePrivate(
            new ECPrivateKeySpec(new BigInteger(1, device.exportPrivateScalar()), spec));
    return new KeyPair(pub, priv);
  }

  public static Issued selfSignedCa(SecureRandom random) throws Exception {
    KeyPair keys = newKeyPair(random);
    return new Issued(
        keys,
        issue(
            "CN=votechain test CA",
            keys.getPublic(),
            "CN=votechain test CA",
            keys.getPrivate(),
            true,
            false));
  }

  public static X509Certificate issue(Issued ca, String subject, PublicKey key, boolean serverIp)
      throws Exception {
    return issue(
        ca.certificate().getSubjectX500Principal().getName(),
        key,
        subject,
        ca.keys().getPrivate(),
        false,
        serverIp);
  }

  private static X509Certificate issue(
      String issuer,
      PublicKey key,
      String subject,
      PrivateKey signingKey,
      boolean ca,
      boolean serverIp)
      throws Exception {
    long now = System.currentTimeMillis();
    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
    g.setSerialNumber(
        new ASN1Integer(
            BigInteger.valueOf(now).add(BigInteger.valueOf(subject.hashCode() & 0xffff))));
    g.setIssuer(new X500Name(issuer));
    g.setSubject(new X500Name(subject));
    g.setStartDate(new Time(new Date(now - 3_600_000L)));
    g.setEndDate(new Time(new Date(now + 86_400_000L)));
    g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    g.setSignature(ECDSA_SHA256);
    java.util.List<Extension> extensions = new java.util.ArrayList<>();
    extensions.add(
        new Extension(Extension.basicConstraints, true, new BasicConstraints(ca).getEncoded()));
    if (serverIp) {
      extensions.add(
          new Extension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")).getEncoded()));
    }
    g.setExtensions(new Extensions(extensions.toArray(new Extension[0])));
    TBSCertificate tbs = g.generateTBSCertificate();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(signingKey);
    s.update(tbs.getEncoded(ASN1Encoding.DER));
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(tbs);
    v.add(ECDSA_SHA256);
    v.add(new DERBitString(s.sign()));
    byte[] der = Certificate.getInstance(new DERSequence(v)).getEncoded(ASN1Encoding.DER);
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  public static void writePem(Path file, String type, byte[] der) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }
}
