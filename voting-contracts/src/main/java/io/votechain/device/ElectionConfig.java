package io.votechain.device;

import io.votechain.contract.ElectionStatus;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Decoding;
import io.votechain.tx.election.ElectionManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of an ELECTION_CONFIG {@link NodeMessage} (retained on {@code elections/{e}/config},
 * docs/mqtt.md §4): what a kiosk needs to encrypt ballots for the election.
 *
 * <pre>
 * u8 status (ElectionStatus tag 1..6), bytes manifest (ElectionManifest encoding),
 * bool hasKey, [fixed(33) jointKey K, fixed(32) extendedBaseHash H_E]
 * </pre>
 *
 * The key is present once the key ceremony has completed. Immutable.
 */
public record ElectionConfig(
    ElectionStatus status,
    ElectionManifest manifest,
    Optional<GroupElement> jointKey,
    Optional<Hash32> extendedBaseHash) {
  private static final int MAX_MANIFEST = 200 * 1024;

  public ElectionConfig {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(jointKey, "jointKey");
    Objects.requireNonNull(extendedBaseHash, "extendedBaseHash");
    if (jointKey.isPresent() != extendedBaseHash.isPresent()) {
      throw new IllegalArgumentException("joint key and extended base hash come together");
    }
  }

  public String electionId() {
    return manifest.electionId();
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter().u8(status.tag()).bytes(manifest.encode()).bool(jointKey.isPresent());
    if (jointKey.isPresent()) {
      w.fixed(jointKey.get().encode()).fixed(extendedBaseHash.get().bytes());
    }
    return w.toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static ElectionConfig decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ElectionConfig config =
        Decoding.guard(
            () -> {
              int tag = r.u8();
              if (tag < 1 || tag > ElectionStatus.values().length) {
                throw CanonicalReader.unknownTag("election status", tag);
              }
              ElectionManifest manifest = ElectionManifest.decode(r.bytes(MAX_MANIFEST));
              Optional<GroupElement> key = Optional.empty();
              Optional<Hash32> base = Optional.empty();
              if (r.bool()) {
                key = Optional.of(GroupElement.decode(r.fixed(GroupElement.LENGTH)));
                base = Optional.of(Hash32.of(r.fixed(Hash32.LENGTH)));
              }
              return new ElectionConfig(ElectionStatus.ofTag(tag), manifest, key, base);
            });
    r.finish();
    return config;
  }
}
