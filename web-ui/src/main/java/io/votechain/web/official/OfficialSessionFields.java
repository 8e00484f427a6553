package io.votechain.web.official;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.web.WebContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * How the console's session values are written into an encrypted session record (docs/web-ui.md
 * §2.2), so that a signed-in official and a half-defined election survive a restart. The signed-in
 * official is the anchor: only sessions holding one are written to disk. The record is encrypted
 * under a key only the browser's cookie holds; that is what makes writing the official's key seed
 * into it acceptable.
 */
final class OfficialSessionFields {
  private static final Logger LOG = Logger.getLogger(OfficialSessionFields.class.getName());

  private OfficialSessionFields() {}

  /**
   * Registers the official (the anchor) and the draft. A restored official must still be enrolled
   * under the same seal ({@link #sealFingerprint}): removing the account or re-keying it ({@code
   * EnrolOfficial --remove/--rekey}) ends its sessions at the next start; its roles are the
   * account's current ones.
   */
  static void register(WebContext web, String draftKey, OfficialAccounts accounts) {
    web.registerSessionField(
        OfficialPages.SESSION_OFFICIAL,
        Official.class,
        true,
        o -> encodeOfficial(o, accounts),
        j -> decodeOfficial(j, accounts));
    web.registerSessionField(
        draftKey,
        ElectionDraft.class,
        false,
        OfficialSessionFields::encodeDraft,
        OfficialSessionFields::decodeDraft);
  }

  /** Which seal of the account the session was opened with: SHA-256 of salt, nonce, ciphertext. */
  static String sealFingerprint(OfficialAccount account) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      SealedKey k = account.sealedKey();
      sha.update(k.salt());
      sha.update(k.nonce());
      sha.update(k.ciphertext());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static Object encodeOfficial(Official o, OfficialAccounts accounts) {
    byte[] seed = o.signer().exportSeed();
    try {
      return new JsonObject()
          .put("name", o.name())
          .put(
              "seal",
              accounts.account(o.name()).map(OfficialSessionFields::sealFingerprint).orElse(""))
          .put("seed", Base64.getEncoder().encodeToString(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The official, or null (the session is then no longer signed in) if the account changed. */
  static Official decodeOfficial(Object json, OfficialAccounts accounts) {
    JsonObject j = (JsonObject) json;
    String name = j.getString("name");
    byte[] seed = Base64.getDecoder().decode(j.getString("seed"));
    try {
      Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
      Optional<OfficialAccount> account = accounts.account(name);
      if (account.isEmpty()
          || !account.get().publicKey().equals(signer.publicKey())
          || !sealFingerprint(account.get()).equals(j.getString("seal"))) {
        LOG.info(
            "WEB_SESSION_ACCOUNT_CHANGED: a session of "
                + name
                + " was not restored: the account was removed or re-keyed since");
        return null;
      }
      return new Official(name, account.get().roles(), signer);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static Object encodeDraft(ElectionDraft d) {
    JsonArray contests = new JsonArray();
    for (Contest c : d.contests()) {
      CanonicalWriter w = new CanonicalWriter();
      c.writeTo(w);
      contests.add(Base64.getEncoder().encodeToString(w.toByteArray()));
    }
    return new JsonObject()
        .put("electionId", d.electionId())
        .put("names", new JsonObject(new TreeMap<String, Object>(d.names())))
        .put("start", d.start())
        .put("end", d.end())
        .put("policy", d.policy().name())
        .put("contests", contests);
  }

  static ElectionDraft decodeDraft(Object json) {
    JsonObject j = (JsonObject) json;
    TreeMap<String, String> names = new TreeMap<>();
    j.getJsonObject("names").forEach(e -> names.put(e.getKey(), (String) e.getValue()));
    List<Contest> contests = new ArrayList<>();
    for (Object c : j.getJsonArray("contests")) {
      CanonicalReader r = new CanonicalReader(Base64.getDecoder().decode((String) c));
      contests.add(Contest.readFrom(r));
      r.finish();
    }
    return new ElectionDraft(
        j.getString("electionId"),
        names,
        j.getString("start"),
        j.getString("end"),
        RevotePolicy.valueOf(j.getString("policy")),
        contests);
  }
}
