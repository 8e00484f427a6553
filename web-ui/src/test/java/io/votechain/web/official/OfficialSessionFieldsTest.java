package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The console's values in a session record: the signed-in official and the election draft. */
class OfficialSessionFieldsTest {
  private final SecureRandom random = new SecureRandom();
  private final Ed25519Signer key = Ed25519Signer.generate(random);

  private OfficialAccount account(String name, Set<Role> roles, String password) {
    return OfficialAccount.enroll(name, roles, key, password.toCharArray(), 1024, 1, random);
  }

  private static OfficialAccounts accounts(OfficialAccount... a) {
    return new OfficialAccounts(List.of(a), Clock.systemUTC());
  }

  @Test
  void aSignedInOfficialComesBackWithTheSameKeyAndTheAccountsCurrentRoles() {
    OfficialAccount ann = account("ann", Set.of(Role.ELECTION_OFFICER), "pw-ann");
    Official signedIn = new Official("ann", ann.roles(), key);
    Object json = OfficialSessionFields.encodeOfficial(signedIn, accounts(ann));
    Official back = OfficialSessionFields.decodeOfficial(json, accounts(ann));
    assertEquals(signedIn.publicKeyHex(), back.publicKeyHex());
    assertEquals(Set.of(Role.ELECTION_OFFICER), back.roles());

    OfficialAccount fewerRoles =
        new OfficialAccount("ann", Set.of(Role.REGISTRAR), ann.publicKey(), ann.sealedKey());
    assertEquals(
        Set.of(Role.REGISTRAR),
        OfficialSessionFields.decodeOfficial(json, accounts(fewerRoles)).roles());
  }

  @Test
  void aRemovedOrReKeyedAccountIsNoLongerSignedIn() {
    OfficialAccount ann = account("ann", Set.of(Role.ELECTION_OFFICER), "pw-ann");
    Object json =
        OfficialSessionFields.encodeOfficial(new Official("ann", ann.roles(), key), accounts(ann));
    OfficialAccount other =
        OfficialAccount.enroll(
            "bo",
            Set.of(Role.REGISTRAR),
            Ed25519Signer.generate(random),
            "x".toCharArray(),
            1024,
            1,
            random);
    assertNull(OfficialSessionFields.decodeOfficial(json, accounts(other)), "removed");
    OfficialAccount reKeyed = account("ann", Set.of(Role.ELECTION_OFFICER), "new password");
    assertNull(OfficialSessionFields.decodeOfficial(json, accounts(reKeyed)), "re-keyed");
  }

  @Test
  void aDraftComesBackWhole() {
    Contest mayor =
        new Contest(
            "mayor",
            ContestKind.ONE_OF_N,
            1,
            LocalizedText.of("en", "Mayor", "zh", "市长"),
            List.of(
                new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃"))));
    ElectionDraft d =
        new ElectionDraft(
            "city-2027",
            new TreeMap<>(Map.of("en", "City", "zh", "市")),
            "2027-05-01T08:00",
            "2027-05-01T20:00",
            RevotePolicy.LAST_VOTE_COUNTS,
            List.of(mayor));
    assertEquals(d, OfficialSessionFields.decodeDraft(OfficialSessionFields.encodeDraft(d)));
  }
}
