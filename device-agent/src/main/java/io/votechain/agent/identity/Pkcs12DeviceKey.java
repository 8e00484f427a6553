package io.votechain.agent.identity;

import io.votechain.agent.Durable;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.EcdsaP256Signer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A software device key in a PKCS#12 key store protected by a passphrase. The store holds the
 * private key with a self-signed X.509 certificate (PKCS#12 needs a certificate beside a private
 * key; the same certificate lets the device authenticate to an MQTT broker with TLS client
 * certificates). The scalar is decrypted once when the store is opened and stays inside this
 * object. Thread safe.
 */
public final class Pkcs12DeviceKey implements DeviceKey {
  static final String ALIAS = "votechain-device";

  /**
   * The certificate's validity is fixed rather than read from the clock: it carries no trust (the
   * ledger's device record does), and a fixed window keeps provisioning reproducible.
   */
  private static final java.util.Date NOT_BEFORE = new java.util.Date(0L);

  private static final java.util.Date NOT_AFTER = new java.util.Date(253_402_300_799_000L);

  private final EcdsaP256Signer signer;

  private Pkcs12DeviceKey(EcdsaP256Signer signer) {
    this.signer = signer;
  }

  /**
   * Creates a fresh key pair with {@code random} and writes it to {@code file} (created readable by
   * its owner only); refuses to overwrite an existing store, which would orphan the registered key.
   */
  public static Pkcs12DeviceKey create(
      Path file, char[] passphrase, String deviceId, SecureRandom random) throws IOException {
    if (Files.exists(file)) {
      throw new IOException("key store " + file + " exists; refusing to replace a device key");
    }
    EcdsaP256Signer signer = EcdsaP256Signer.generate(random);
    byte[] scalar = signer.exportPrivateScalar();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      PrivateKey privateKey = jcaPrivateKey(scalar);
      X509Certificate certificate = selfSigned(signer, deviceId);
      store.setKeyEntry(ALIAS, privateKey, passphrase, new Certificate[] {certificate});
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        store.store(out, passphrase);
      }
      Durable.fsync(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      Durable.fsyncDirectory(file.toAbsolutePath().getParent());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot create the PKCS#12 key store", e);
    } finally {
      Arrays.fill(scalar, (byte) 0);
    }
    return new Pkcs12DeviceKey(signer);
  }

  /**
   * Opens the store at {@code file}.
   *
   * @throws IOException if the file is missing or damaged, or the passphrase is wrong
   */
  public static Pkcs12DeviceKey open(Path file, char[] passphrase) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, passphrase);
      if (!(store.getKey(ALIAS, passphrase) instanceof ECPrivateKey key)) {
        throw new IOException("key store " + file + " holds no device key");
      }
      byte[] scalar = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, key.getS());
      try {
        EcdsaP256Signer signer = EcdsaP256Signer.fromPrivateScalar(scalar);
        Certificate certificate = store.getCertificate(ALIAS);
        byte[] certified =
            SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                .getPublicKeyData()
                .getBytes();
        if (!Arrays.equals(uncompressed(signer.publicKey()), certified)) {
          throw new IOException("key store " + file + ": certificate does not match the key");
        }
        return new Pkcs12DeviceKey(signer);
      } finally {
        Arrays.fill(scalar, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot open key store " + file + " (wrong passphrase?)", e);
    }
  }

  @Override
  public EcdsaP256PublicKey publicKey() {
    return signer.publicKey();
  }

  @Override
  public byte[] sign(byte[] message) {
    return signer.sign(message);
  }

  @Override
  public String toString() {
    return "Pkcs12DeviceKey[" + signer.publicKey() + "]";
  }

  private static PrivateKey jcaPrivateKey(byte[] scalar) throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    return KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), spec));
  }

  private static byte[] uncompressed(EcdsaP256PublicKey key) {
    return org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("P-256")
        .getCurve()
        .decodePoint(key.encoded())
        .getEncoded(false);
  }

  /** A minimal self-signed certificate (ecdsa-with-SHA256) naming the device id. */
  private static X509Certificate selfSigned(EcdsaP256Signer signer, String deviceId)
      throws GeneralSecurityException, IOException {
    AlgorithmIdentifier ecdsaWithSha256 =
        new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1),
            uncompressed(signer.publicKey()));
    X500Name name = new X500Name("CN=" + deviceId + ",O=votechain device");
    V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.ONE));
    tbs.setIssuer(name);
    tbs.setSubject(name);
    tbs.setStartDate(new Time(NOT_BEFORE));
    tbs.setEndDate(new Time(NOT_AFTER));
    tbs.setSignature(ecdsaWithSha256);
    tbs.setSubjectPublicKeyInfo(spki);
    TBSCertificate certificate = tbs.generateTBSCertificate();
    byte[] rs = signer.sign(certificate.getEncoded("DER"));
    ASN1EncodableVector signature = new ASN1EncodableVector();
    signature.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))));
    signature.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))));
    ASN1EncodableVector cert = new ASN1EncodableVector();
    cert.add(certificate);
    cert.add(ecdsaWithSha256);
    cert.add(new DERBitString(new DERSequence(signature).getEncoded("DER")));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(new DERSequence(cert).getEncoded("DER")));
  }
}
