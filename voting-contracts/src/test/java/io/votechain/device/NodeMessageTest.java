package io.votechain.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NodeMessageTest {
  private Ed25519Signer v0;
  private Ed25519Signer v1;
  private List<Ed25519PublicKey> validators;

  @BeforeEach
  void keys() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    v0 = Ed25519Signer.generate(random);
    v1 = Ed25519Signer.generate(random);
    validators = List.of(v0.publicKey(), v1.publicKey());
  }

  private NodeMessage signed(int index, Ed25519Signer key) {
    return NodeMessage.sign(
        NodeMessageKind.CHALLENGE, "chain-a", index, 42, new byte[] {1, 2, 3}, key);
  }

  @Nested
  class Verify {
    @Test
    void messageSignedByItsValidatorIsValid() {
      assertEquals(NodeMessage.Check.VALID, signed(1, v1).verify("chain-a", validators));
    }

    @Test
    void messageClaimingAnotherValidatorFails() {
      assertEquals(NodeMessage.Check.BAD_SIGNATURE, signed(0, v1).verify("chain-a", validators));
    }

    @Test
    void messageForAnotherChainFails() {
      assertEquals(NodeMessage.Check.WRONG_CHAIN, signed(1, v1).verify("chain-b", validators));
    }

    @Test
    void validatorOutsideGenesisFails() {
      assertEquals(
          NodeMessage.Check.UNKNOWN_VALIDATOR, signed(2, v1).verify("chain-a", validators));
    }

    @Test
    void changedBodyHeightOrKindFails() {
      NodeMessage m = signed(1, v1);
      NodeMessage body =
          new NodeMessage(m.kind(), m.chainId(), 1, 42, new byte[] {1, 2, 4}, m.signature());
      NodeMessage height = new NodeMessage(m.kind(), m.chainId(), 1, 43, m.body(), m.signature());
      NodeMessage kind =
          new NodeMessage(NodeMessageKind.RECEIPT, m.chainId(), 1, 42, m.body(), m.signature());
      for (NodeMessage changed : List.of(body, height, kind)) {
        assertEquals(NodeMessage.Check.BAD_SIGNATURE, changed.verify("chain-a", validators));
      }
    }
  }

  @Nested
  class Encoding {
    @Test
    void roundTripsByteForByte() {
      NodeMessage m = signed(1, v1);
      byte[] bytes = m.encode();
      assertEquals(m, NodeMessage.decode(bytes));
      assertArrayEquals(bytes, NodeMessage.decode(bytes).encode());
      // u8 kind, text chainId ("chain-a": 1 length byte + 7), varint 1, varint 42, bytes body
      assertEquals(3, bytes[0]);
      assertEquals(7, bytes[1]);
      assertEquals(1, bytes[9]);
      assertEquals(42, bytes[10]);
      assertEquals(3, bytes[11]);
      assertEquals(1 + 8 + 1 + 1 + 4 + 64, bytes.length);
    }

    @Test
    void trailingByteIsRefused() {
      byte[] bytes = Arrays.copyOf(signed(0, v0).encode(), signed(0, v0).encode().length + 1);
      EncodingException e = assertThrows(EncodingException.class, () -> NodeMessage.decode(bytes));
      assertEquals(EncodingException.Reason.TRAILING_BYTES, e.reason());
    }

    @Test
    void unknownKindIsRefused() {
      byte[] bytes = signed(0, v0).encode();
      bytes[0] = 9;
      EncodingException e = assertThrows(EncodingException.class, () -> NodeMessage.decode(bytes));
      assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
    }

    @Test
    void truncatedMessageIsRefused() {
      byte[] bytes = Arrays.copyOf(signed(0, v0).encode(), 20);
      EncodingException e = assertThrows(EncodingException.class, () -> NodeMessage.decode(bytes));
      assertEquals(EncodingException.Reason.TRUNCATED, e.reason());
    }
  }
}
