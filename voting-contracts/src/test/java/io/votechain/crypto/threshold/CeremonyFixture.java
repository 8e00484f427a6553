package io.votechain.crypto.threshold;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs an honest key ceremony in memory, as the ledger would relay it. */
final class CeremonyFixture {
  static final Hash32 ELECTION_BASE_HASH = Hash32.fromHex("b0".repeat(32));

  final CeremonyParameters parameters;
  final List<Trustee> trustees = new ArrayList<>();
  final List<KeyCeremonyAnnouncement> announcements = new ArrayList<>();
  final JointElectionKey jointKey;
  final List<DecryptingTrustee> decrypting = new ArrayList<>();
  final SecureRandom random;

  private CeremonyFixture(int n, int k, SecureRandom random) {
    this.random = random;
    parameters = new CeremonyParameters(ELECTION_BASE_HASH, n, k);
    for (int i = 1; i <= n; i++) {
      Trustee t = Trustee.generate(parameters, i, random);
      trustees.add(t);
      announcements.add(t.announcement());
    }
    for (Trustee dealer : trustees) {
      for (Trustee recipient : trustees) {
        if (dealer != recipient) {
          EncryptedShare share = dealer.shareFor(recipient.announcement(), random);
          Optional<Complaint> complaint = recipient.receiveShare(dealer.announcement(), share);
          if (complaint.isPresent()) {
            throw new AssertionError("honest ceremony produced " + complaint.get());
          }
        }
      }
    }
    jointKey = KeyCeremony.jointKey(parameters, announcements);
    for (Trustee t : trustees) {
      decrypting.add(t.finish(jointKey));
    }
  }

  static CeremonyFixture run(int n, int k, long seed) {
    return new CeremonyFixture(n, k, seeded(seed));
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  Trustee trustee(int index) {
    return trustees.get(index - 1);
  }

  DecryptingTrustee decrypting(int index) {
    return decrypting.get(index - 1);
  }

  /** {@code (r·G, m·G + r·K)} under the joint key. */
  Ciphertext encrypt(long m) {
    Scalar r = Scalar.randomNonZero(random);
    GroupElement k = jointKey.publicKey();
    return new Ciphertext(P256.G.multiply(r), P256.G.multiply(Scalar.of(m)).add(k.multiply(r)));
  }

  List<PartialDecryption> partials(Ciphertext c, int... indices) {
    List<PartialDecryption> out = new ArrayList<>();
    for (int i : indices) {
      out.add(decrypting(i).partialDecrypt(c, random));
    }
    return out;
  }
}
