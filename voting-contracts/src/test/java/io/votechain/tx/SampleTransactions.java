package io.votechain.tx;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.TestChain;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.Trustee;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** One signed transaction of every kind and every governed action, with seeded keys. */
final class SampleTransactions {
  private SampleTransactions() {}

  static List<SignedTransaction> all(long seed) {
    SecureRandom random = TestChain.seededRandom(seed);
    Ed25519Signer official = Ed25519Signer.generate(random);
    Ed25519Signer other = Ed25519Signer.generate(random);
    EcdsaP256Signer device = EcdsaP256Signer.generate(random);
    Hash32 h = Sha256.hash(new byte[] {1});
    List<Transaction> bodies = new ArrayList<>();
    for (GovernedAction action :
        List.of(
            new GovernedAction.CreateElection(TestChain.manifest("e1")),
            new GovernedAction.AmendElection(TestChain.manifest("e1")),
            new GovernedAction.RegisterTrustees(
                "e1", List.of(official.publicKey(), other.publicKey()), 2),
            new GovernedAction.OpenElection("e1"),
            new GovernedAction.CloseElection("e1"),
            new GovernedAction.CertifyElection("e1"),
            new GovernedAction.RevokeDevice("kiosk-1", "lost"))) {
      bodies.add(new Propose(action, 9));
    }
    bodies.add(new Approve(h));
    bodies.add(new ProvisionDevice("kiosk-1", device.publicKey(), "VX-2000", h, other.publicKey()));
    bodies.add(new AssignDevice("kiosk-1", "station-7"));
    bodies.add(new TransferCustody("kiosk-1", other.publicKey(), other.sign(new byte[] {1})));
    bodies.add(new AttestDevice(AttestationEvidence.sign(device, "c", "kiosk-1", h, 3, 2, h)));
    bodies.add(new SuspendDevice("kiosk-1", "seal broken"));
    bodies.add(new ReinstateDevice("kiosk-1"));
    bodies.add(new AddCredentials("e1", "station-7", List.of(other.publicKey())));
    bodies.add(new CheckIn("e1", "kiosk-1", other.publicKey()));
    CeremonyParameters parameters = new CeremonyParameters(h, 1, 1);
    Trustee trustee = Trustee.generate(parameters, 1, random);
    bodies.add(new AnnounceKey("e1", trustee.announcement()));
    JointElectionKey joint = KeyCeremony.jointKey(parameters, List.of(trustee.announcement()));
    EncryptionContext context =
        new EncryptionContext(joint.extendedBaseHash(), new ElectionKey(joint.publicKey()));
    BallotStyle style = ElectionCrypto.style(TestChain.manifest("e1"));
    PlaintextBallot plaintext =
        new PlaintextBallot("b-1", "e1", List.of(List.of(1, 0), List.of(0, 1)));
    BallotEncryptor.Encrypted encrypted =
        new BallotEncryptor(context).encrypt(style, plaintext, random);
    EncryptedBallot ballot = encrypted.ballot();
    bodies.add(new CastBallot("e1", other.publicKey(), ballot));
    DecryptingTrustee decrypting = trustee.finish(joint);
    bodies.add(
        new PublishDecryption(
            "e1",
            List.of(
                decrypting.partialDecrypt(ballot.contests().get(0).sum(), random),
                decrypting.partialDecrypt(ballot.contests().get(1).sum(), random))));
    bodies.add(new SpoilBallot("e1", ballot, encrypted.nonces(), plaintext));
    CeremonyParameters two = new CeremonyParameters(h, 2, 2);
    Trustee first = Trustee.generate(two, 1, random);
    Trustee second = Trustee.generate(two, 2, random);
    bodies.add(new PublishShares("e1", List.of(first.shareFor(second.announcement(), random))));
    bodies.add(
        new Complain(
            "e1",
            new io.votechain.crypto.threshold.Complaint(
                1, 2, io.votechain.crypto.threshold.Complaint.Reason.DECRYPTION_FAILED)));
    bodies.add(new DiscloseShare("e1", 2, first.discloseShare(2)));
    // appended after the older kinds, so that the indices the tests use stay put
    bodies.add(
        new Propose(
            new GovernedAction.CreateMeeting(
                new io.votechain.tx.meeting.MeetingManifest(
                    TestChain.manifest("m1"),
                    0,
                    new io.votechain.tx.meeting.Quorum(1, 3),
                    List.of(
                        io.votechain.tx.meeting.PassThreshold.ORDINARY,
                        io.votechain.tx.meeting.PassThreshold.SPECIAL))),
            9));
    bodies.add(
        new Propose(
            new GovernedAction.ChangeAuthority(List.of(official.publicKey(), other.publicKey()), 2),
            9));
    bodies.add(
        new Propose(
            new GovernedAction.RestartKeyCeremony(
                "e1", List.of(official.publicKey(), other.publicKey()), 2),
            9));
    bodies.add(
        new AddHoldings(
            "m1",
            List.of(
                new io.votechain.tx.meeting.Holding(other.publicKey(), 1_000_000),
                new io.votechain.tx.meeting.Holding(official.publicKey(), 1))));
    bodies.add(new AppointProxy("m1", other.publicKey()));
    bodies.add(new RevokeProxy("m1"));
    BallotStyle holderStyle = style.withWeight(2_500);
    PlaintextBallot vote = new PlaintextBallot("b-2", "e1", List.of(List.of(1, 0), List.of(0, 1)));
    bodies.add(
        new CastMeetingVote(
            "m1",
            other.publicKey(),
            new io.votechain.ballot.MeetingBallotEncryptor(context)
                .encrypt(holderStyle, vote, random)
                .ballot()));
    List<SignedTransaction> out = new ArrayList<>();
    long nonce = 0;
    for (Transaction body : bodies) {
      boolean byDevice =
          body instanceof AttestDevice || body instanceof CheckIn || body instanceof SpoilBallot;
      out.add(
          SignedTransaction.sign(byDevice ? device : official, nonce++, body, TestChain.CHAIN_ID));
    }
    return out;
  }
}
