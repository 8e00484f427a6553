package io.votechain.node.demo;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.sig.Ed25519Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * A trustee's secrets between the key ceremony and the tally, as the dev network keeps them: the
 * trustee's signing key, its ceremony index and its share of the election secret key, in a file
 * readable by its owner only. A real trustee keeps these offline (docs/demo.md); the demo holds
 * them so that one command can run a whole election.
 */
public record TrusteeFile(String electionId, int index, Ed25519Signer key, Scalar secretShare) {

  public void write(Path file) throws IOException {
    String json =
        new JsonObject()
            .put("electionId", electionId)
            .put("index", index)
            .put("publicKey", HexFormat.of().formatHex(key.publicKey().encoded()))
            .put("ed25519Seed", HexFormat.of().formatHex(key.exportSeed()))
            .put("secretShare", HexFormat.of().formatHex(secretShare.encode()))
            .encodePrettily();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, json);
  }

  public static TrusteeFile read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    return new TrusteeFile(
        json.getString("electionId"),
        json.getInteger("index"),
        Ed25519Signer.fromSeed(HexFormat.of().parseHex(json.getString("ed25519Seed"))),
        Scalar.decode(HexFormat.of().parseHex(json.getString("secretShare"))));
  }

  @Override
  public String toString() {
    return "TrusteeFile[" + electionId + " #" + index + ", share=<secret>]";
  }
}
