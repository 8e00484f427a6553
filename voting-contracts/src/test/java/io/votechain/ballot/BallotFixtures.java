package io.votechain.ballot;

import io.votechain.crypto.elgamal.ElGamalSecretKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A seeded election for ballot tests and benchmarks: one key, two styles, an encryptor. */
public final class BallotFixtures {
  /** One approval contest: 5 yes/no selections, up to 5 marks (the benchmark ballot). */
  public static final BallotStyle FIVE_OF_FIVE =
      new BallotStyle("approval-5", List.of(ContestDescription.of("council", 5, 5)));

  /** Two contests: choose 1 of 3, choose up to 2 of 4. */
  public static final BallotStyle TWO_CONTESTS =
      new BallotStyle(
          "general",
          List.of(ContestDescription.of("mayor", 3, 1), ContestDescription.of("board", 4, 2)));

  public final SecureRandom random;
  public final ElGamalSecretKey secretKey;
  public final EncryptionContext context;
  public final BallotEncryptor encryptor;

  public BallotFixtures(long seed) {
    random = seeded(seed);
    secretKey = ElGamalSecretKey.generate(random);
    context =
        new EncryptionContext(
            Sha256.hash(("election " + seed).getBytes(StandardCharsets.UTF_8)),
            secretKey.publicKey());
    encryptor = new BallotEncryptor(context);
  }

  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random valid marks for {@code style}. */
  public PlaintextBallot randomPlaintext(BallotStyle style, String ballotId) {
    List<List<Integer>> marks = new ArrayList<>();
    for (ContestDescription contest : style.contests()) {
      List<Integer> m = new ArrayList<>();
      int left = contest.selectionLimit();
      for (int j = 0; j < contest.selectionCount(); j++) {
        int mark = left > 0 && random.nextBoolean() ? 1 : 0;
        left -= mark;
        m.add(mark);
      }
      marks.add(m);
    }
    return new PlaintextBallot(ballotId, style.styleId(), marks);
  }

  public EncryptedBallot encryptRandom(BallotStyle style, String ballotId) {
    return encryptor.encrypt(style, randomPlaintext(style, ballotId), random).ballot();
  }

  public Hash32 nonce() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash32.of(b);
  }
}
