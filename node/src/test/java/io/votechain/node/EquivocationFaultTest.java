package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EquivocationFaultTest {
  private final Hash32 chain = Sha256.hash("chain".getBytes(StandardCharsets.UTF_8));
  private final Ed25519Signer key = Ed25519Signer.generate(new SecureRandom());

  private record Sent(int to, byte[] message) {}

  private static final class Recorder implements EquivocationFault.ChannelSink {
    final List<Sent> sent = new ArrayList<>();
    final List<byte[]> broadcasts = new ArrayList<>();

    @Override
    public void broadcast(byte[] message) {
      broadcasts.add(message);
    }

    @Override
    public void send(int validator, byte[] message) {
      sent.add(new Sent(validator, message));
    }
  }

  private byte[] vote(long height, Optional<Hash32> block) {
    Vote v = new Vote(VoteType.PREVOTE, height, 0, block, 1);
    return new ConsensusMessage.VoteMessage(new SignedVote(v, key.sign(v.signBytes(chain))))
        .encode();
  }

  @Test
  void aBlockVoteGoesToEvenPeersASignedNilVoteToOddOnesAndBothToTheWitness() {
    EquivocationFault fault = new EquivocationFault(chain, 1, 4, key, 10);
    assertEquals(2, fault.witness());
    Recorder sink = new Recorder();
    byte[] original = vote(5, Optional.of(Sha256.hash(new byte[] {1})));
    fault.broadcast(original, sink);

    assertTrue(sink.broadcasts.isEmpty());
    assertEquals(List.of(0, 2, 2, 3), sink.sent.stream().map(Sent::to).toList());
    assertArrayEquals(original, sink.sent.get(0).message());
    assertArrayEquals(original, sink.sent.get(1).message());
    ConsensusMessage.VoteMessage toWitness =
        (ConsensusMessage.VoteMessage) ConsensusMessage.decode(sink.sent.get(2).message());
    ConsensusMessage.VoteMessage other =
        (ConsensusMessage.VoteMessage) ConsensusMessage.decode(sink.sent.get(3).message());
    assertTrue(toWitness.vote().isNil());
    assertTrue(other.vote().isNil());
    assertEquals(5, other.vote().height());
    assertTrue(key.publicKey().verify(other.vote().signBytes(chain), other.signed().signature()));
  }

  @Test
  void theWitnessOfTheLastValidatorIsTheFirst() {
    assertEquals(0, new EquivocationFault(chain, 3, 4, key, 10).witness());
  }

  @Test
  void aboveTheHeightLimitAndForNilVotesItIsHonest() {
    EquivocationFault fault = new EquivocationFault(chain, 1, 4, key, 10);
    Recorder sink = new Recorder();
    fault.broadcast(vote(11, Optional.of(Sha256.hash(new byte[] {1}))), sink);
    fault.broadcast(vote(3, Optional.empty()), sink);
    assertEquals(2, sink.broadcasts.size());
    assertTrue(sink.sent.isEmpty());
  }

  @Test
  void onlyTheEnvironmentVariableTurnsItOn() {
    assertTrue(EquivocationFault.fromEnvironment(Map.of(), chain, 1, 4, key).isEmpty());
    assertTrue(
        EquivocationFault.fromEnvironment(Map.of(EquivocationFault.ENV, "20"), chain, 1, 4, key)
            .isPresent());
  }
}
