package io.votechain.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.device.MqttTopics;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint over TLS with client certificates (docs/mqtt.md §10): a certificate from the
 * configured CA whose key is the device's registered key authenticates the device without a
 * password; the same CA's certificate for another key does not.
 */
class MqttTlsTest {
  private Path dir;
  private DeviceNetwork net;

  @AfterEach
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
    DeviceNetwork.deleteQuietly(dir);
  }

  @Test
  void deviceCertificateAuthenticatesAndAForeignKeyDoesNot() throws Exception {
    dir = DeviceNetwork.tempDir();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(443);
    TestCertificates.Issued ca = TestCertificates.selfSignedCa(random);
    KeyPair serverKeys = TestCertificates.newKeyPair(random);
    X509Certificate server =
        TestCertificates.issue(ca, "CN=127.0.0.1", serverKeys.getPublic(), true);
    Path pki = dir.resolve("pki");
    java.nio.file.Files.createDirectories(pki);
    TestCertificates.writePem(pki.resolve("ca.pem"), "CERTIFICATE", ca.certificate().getEncoded());
    TestCertificates.writePem(pki.resolve("server.pem"), "CERTIFICATE", server.getEncoded());
    TestCertificates.writePem(
        pki.resolve("server-key.pem"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
    net =
        DeviceNetwork.open(
            dir.resolve("chain"),
            new JsonObject()
                .put("port", 0)
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", pki.resolve("server.pem").toString())
                        .put("keyPath", pki.resolve("server-key.pem").toString())
                        .put("clientCaPath", pki.resolve("ca.pem").toString())));
    String url = "ssl://127.0.0.1:" + net.gateway().port().orElseThrow();

    EcdsaP256Signer device = net.devices.get("kiosk-1");
    KeyPair deviceKeys = TestCertificates.jca(device);
    X509Certificate deviceCert =
        TestCertificates.issue(ca, "CN=kiosk-1", deviceKeys.getPublic(), false);
    MqttClient client = connect(url, "kiosk-1", deviceKeys, deviceCert, ca.certificate());
    try {
      assertEquals(
          1, client.subscribeWithResponse(MqttTopics.receipts("kiosk-1"), 1).getGrantedQos()[0]);
    } finally {
      client.disconnect();
      client.close();
    }

    // kiosk-2 presenting a CA-issued certificate for kiosk-1's key: refused
    MqttException refused =
        assertThrows(
            MqttException.class,
            () -> connect(url, "kiosk-2", deviceKeys, deviceCert, ca.certificate()));
    assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
  }

  private static MqttClient connect(
      String url, String clientId, KeyPair keys, X509Certificate cert, X509Certificate ca)
      throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(
        "device",
        keys.getPrivate(),
        "pw".toCharArray(),
        new java.security.cert.Certificate[] {cert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, "pw".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(ssl.getSocketFactory());
    options.setHttpsHostnameVerificationEnabled(false);
    options.setCleanSession(true);
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
    return client;
  }
}
