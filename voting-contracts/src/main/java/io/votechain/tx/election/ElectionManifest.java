package io.votechain.tx.election;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Decoding;
import io.votechain.tx.Identifiers;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The election manifest (docs/contracts.md §3): id, name, contests, the voting window in block
 * timestamps (milliseconds since the epoch, start inclusive, end exclusive) and the re-vote policy.
 * {@link #hash()} is the manifest hash that ballot encryption binds into every proof. Immutable.
 */
public record ElectionManifest(
    String electionId,
    LocalizedText name,
    List<Contest> contests,
    long votingStart,
    long votingEnd,
    RevotePolicy revotePolicy) {
  public static final int MAX_CONTESTS = 64;

  /** Domain tag 'M' of the manifest hash. */
  public static final int HASH_DOMAIN = 0x4D;

  public ElectionManifest {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(revotePolicy, "revotePolicy");
    contests = List.copyOf(contests);
    if (contests.size() > MAX_CONTESTS) {
      throw new IllegalArgumentException("at most " + MAX_CONTESTS + " contests");
    }
  }

  /**
   * The first manifest rule broken, if any: at least one contest, unique contest ids, each
   * contest's own rules, a non-empty window, and every label in exactly the languages of the name
   * (so no voter meets an untranslated ballot).
   */
  public Optional<String> problem() {
    if (contests.isEmpty()) {
      return Optional.of("a manifest needs at least one contest");
    }
    if (votingStart < 0 || votingEnd <= votingStart) {
      return Optional.of("voting window must satisfy 0 <= start < end");
    }
    Set<String> languages = name.labels().keySet();
    Set<String> ids = new HashSet<>();
    for (Contest c : contests) {
      if (!ids.add(c.contestId())) {
        return Optional.of("duplicate contest id " + c.contestId());
      }
      Optional<String> p = c.problem();
      if (p.isPresent()) {
        return p;
      }
      if (!c.title().labels().keySet().equals(languages)) {
        return Optional.of(c.contestId() + ": title languages differ from the manifest's");
      }
      for (Choice choice : c.choices()) {
        if (!choice.label().labels().keySet().equals(languages)) {
          return Optional.of(
              c.contestId()
                  + "/"
                  + choice.choiceId()
                  + ": label languages differ from the manifest's");
        }
      }
    }
    return Optional.empty();
  }

  public void writeTo(CanonicalWriter w) {
    w.text(electionId);
    name.writeTo(w);
    w.list(contests, (cw, c) -> c.writeTo(cw));
    w.i64(votingStart).i64(votingEnd).u8(revotePolicy.tag());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /** Implements the manifest hash: SHA-256(0x4D || canonical encoding). */
  public Hash32 hash() {
    return Sha256.tagged(HASH_DOMAIN, encode());
  }

  public static ElectionManifest readFrom(CanonicalReader r) {
    String id = r.text(Identifiers.MAX_LENGTH);
    LocalizedText name = LocalizedText.readFrom(r);
    List<Contest> contests = r.list(MAX_CONTESTS, Contest::readFrom);
    long start = r.i64();
    long end = r.i64();
    int tag = r.u8();
    RevotePolicy policy = RevotePolicy.ofTag(tag);
    if (policy == null) {
      throw new EncodingException(EncodingException.Reason.UNKNOWN_TAG, "revote policy " + tag);
    }
    return new ElectionManifest(id, name, contests, start, end, policy);
  }

  public static ElectionManifest decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ElectionManifest m = Decoding.guard(() -> readFrom(r));
    r.finish();
    return m;
  }
}
