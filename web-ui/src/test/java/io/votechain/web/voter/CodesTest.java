package io.votechain.web.voter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The credential code and the tracking code (docs/web-voting.md §2, §4). */
class CodesTest {
  private final SecureRandom random = BrowserCryptoTest.seeded(42);

  @Nested
  class Credential {
    private final Ed25519Signer credential = Ed25519Signer.generate(random);
    private final String code = CredentialCode.of(credential);

    @Test
    void codeHasThePrefixAndElevenGroupsOfFive() {
      assertTrue(code.matches("VC1-([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}"), code);
    }

    @Test
    void codeOpensToTheSameKeyWhateverTheCaseAndSpacing() {
      String typed = " " + code.toLowerCase().replace("-", " ").replaceFirst("vc1 ", "vc1-") + " ";
      assertEquals(credential.publicKey(), CredentialCode.parse(typed).orElseThrow().publicKey());
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
      String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
      int caught = 0;
      int tried = 0;
      for (int i = 4; i < code.length(); i++) {
        if (code.charAt(i) == '-') {
          continue;
        }
        char typo = alphabet.charAt((alphabet.indexOf(code.charAt(i)) + 1) % 32);
        String mistyped = code.substring(0, i) + typo + code.substring(i + 1);
        tried++;
        if (CredentialCode.parse(mistyped).isEmpty()) {
          caught++;
        }
      }
      assertEquals(tried, caught);
    }

    @Test
    void codeWithoutThePrefixOrOfTheWrongLengthIsRefused() {
      assertEquals(Optional.empty(), CredentialCode.parse(code.substring(4)));
      assertEquals(Optional.empty(), CredentialCode.parse(code + "0"));
      assertEquals(Optional.empty(), CredentialCode.parse(null));
    }
  }

  @Nested
  class Tracking {
    @Test
    void codeRoundTripsToTheBallotHash() {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      Hash32 hash = Hash32.of(bytes);
      String code = TrackingCode.of(hash);
      assertTrue(code.matches("([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}"), code);
      assertArrayEquals(hash.bytes(), TrackingCode.parse(code.toLowerCase()).orElseThrow().bytes());
    }

    @Test
    void theApisHexFormOfTheHashIsAcceptedToo() {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      Hash32 hash = Hash32.of(bytes);
      assertEquals(Optional.of(hash), TrackingCode.parse(hash.hex().toUpperCase()));
    }

    @Test
    void codeBeginsWithTheKiosksShortCode() {
      // device-agent's short code: the first 80 bits, four groups of four, same alphabet.
      Hash32 hash = Hash32.fromHex("ff".repeat(10) + "00".repeat(22));
      assertTrue(TrackingCode.of(hash).startsWith("ZZZZ-ZZZZ-ZZZZ-ZZZZ-0"), TrackingCode.of(hash));
    }

    @Test
    void codeWithNonZeroPaddingBitsIsRefused() {
      String code = TrackingCode.of(Hash32.ZERO);
      // The last character carries 4 padding bits: "1" sets one of them.
      String padded = code.substring(0, code.length() - 1) + "1";
      assertEquals(Optional.empty(), TrackingCode.parse(padded));
    }

    @Test
    void confusableLettersReadAsDigits() {
      String code = TrackingCode.of(Hash32.ZERO);
      assertEquals(Optional.of(Hash32.ZERO), TrackingCode.parse(code.replace('0', 'O')));
    }
  }
}
