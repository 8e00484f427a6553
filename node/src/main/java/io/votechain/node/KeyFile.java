package io.votechain.node;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.Ed25519Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * A validator's Ed25519 key on disk: JSON with the 32-byte seed in hex, created readable and
 * writable by its owner only. The seed is read once at start-up and never logged.
 */
public final class KeyFile {
  private KeyFile() {}

  public static Ed25519Signer read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    return Ed25519Signer.fromSeed(HexFormat.of().parseHex(json.getString("ed25519Seed")));
  }

  public static void write(Ed25519Signer signer, Path file) throws IOException {
    String json =
        new JsonObject()
            .put("publicKey", HexFormat.of().formatHex(signer.publicKey().encoded()))
            .put("ed25519Seed", HexFormat.of().formatHex(signer.exportSeed()))
            .encodePrettily();
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, json);
  }
}
