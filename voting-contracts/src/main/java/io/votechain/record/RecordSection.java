package io.votechain.record;

import io.votechain.contract.ChainParams;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.MeetingResult;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Identifiers;
import io.votechain.tx.election.ElectionManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sections of an election record, in the order they appear (docs/election-record.md §2): one
 * {@link Header}, one {@link Genesis}, a {@link Block} per height from 1 up, one {@link Summary},
 * one {@link End}. Each is written as {@code u8 kind, varint length, body}. Instances are
 * immutable.
 */
public sealed interface RecordSection {
  /** The section's kind byte. */
  int kind();

  void writeBody(CanonicalWriter w);

  int KIND_HEADER = 1;
  int KIND_GENESIS = 2;
  int KIND_BLOCK = 3;
  int KIND_SUMMARY = 4;
  int KIND_END = 5;

  /** The record's magic text, version and the election it is about. */
  record Header(int version, String electionId) implements RecordSection {
    public static final String MAGIC = "votechain/election-record";

    public Header {
      Identifiers.require(electionId, "election id");
      if (version < 1) {
        throw new IllegalArgumentException("version >= 1");
      }
    }

    @Override
    public int kind() {
      return KIND_HEADER;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.text(MAGIC).varint(version).text(electionId);
    }

    static Header readBody(CanonicalReader r) {
      String magic = r.text(64);
      if (!MAGIC.equals(magic)) {
        throw RecordedTransaction.invalid("not an election record");
      }
      int version = (int) r.varint(Integer.MAX_VALUE);
      String id = r.text(Identifiers.MAX_LENGTH);
      try {
        return new Header(version, id);
      } catch (IllegalArgumentException e) {
        throw RecordedTransaction.invalid(e.getMessage());
      }
    }
  }

  /**
   * Both geneses: the consensus genesis's canonical encoding (validators; its hash is the chain id
   * every block and vote is bound to) and the contracts' genesis (transaction chain id, officials,
   * M, parameters).
   */
  record Genesis(byte[] consensusGenesis, GenesisConfig contracts) implements RecordSection {
    public static final int MAX_GENESIS_BYTES = 256 * 1024;

    public Genesis {
      consensusGenesis = consensusGenesis.clone();
      Objects.requireNonNull(contracts, "contracts");
    }

    @Override
    public byte[] consensusGenesis() {
      return consensusGenesis.clone();
    }

    @Override
    public int kind() {
      return KIND_GENESIS;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.bytes(consensusGenesis).text(contracts.chainId());
      w.list(contracts.officials(), (x, k) -> x.fixed(k.encoded()));
      w.varint(contracts.threshold())
          .varint(contracts.params().maxProposalLifetime())
          .varint(contracts.params().attestationFreshness())
          .varint(contracts.params().attestationNonceWindow());
    }

    static Genesis readBody(CanonicalReader r) {
      byte[] consensus = r.bytes(MAX_GENESIS_BYTES);
      String chainId = r.text(256);
      List<Ed25519PublicKey> officials =
          r.list(GenesisConfig.MAX_OFFICIALS, x -> Ed25519PublicKey.decode(x.fixed(32)));
      int threshold = (int) r.varint(GenesisConfig.MAX_OFFICIALS);
      long lifetime = r.varint(Long.MAX_VALUE);
      long freshness = r.varint(Long.MAX_VALUE);
      long window = r.varint(Long.MAX_VALUE);
      try {
        return new Genesis(
            consensus,
            new GenesisConfig(
                chainId, officials, threshold, new ChainParams(lifetime, freshness, window)));
      } catch (IllegalArgumentException e) {
        throw RecordedTransaction.invalid(e.getMessage());
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Genesis g
          && Arrays.equals(g.consensusGenesis, consensusGenesis)
          && g.contracts.equals(contracts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(consensusGenesis);
    }
  }

  /**
   * One committed block: its header and commit certificate (canonical encodings, docs/consensus.md
   * §3), the parent's certificate as the block carries it (absent at height 1; the header's {@code
   * lastCommitHash} covers it) and the election's transactions in it, in ascending index order with
   * audit paths.
   */
  record Block(
      byte[] header,
      byte[] certificate,
      Optional<byte[]> lastCommit,
      List<RecordedTransaction> transactions)
      implements RecordSection {
    public static final int MAX_HEADER_BYTES = 1024;
    public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
    public static final int MAX_TRANSACTIONS = 10_000;

    public Block {
      header = header.clone();
      certificate = certificate.clone();
      lastCommit = lastCommit.map(byte[]::clone);
      transactions = List.copyOf(transactions);
    }

    @Override
    public byte[] header() {
      return header.clone();
    }

    @Override
    public byte[] certificate() {
      return certificate.clone();
    }

    @Override
    public Optional<byte[]> lastCommit() {
      return lastCommit.map(byte[]::clone);
    }

    @Override
    public int kind() {
      return KIND_BLOCK;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.bytes(header).bytes(certificate).bool(lastCommit.isPresent());
      lastCommit.ifPresent(w::bytes);
      w.list(transactions, (x, t) -> t.writeTo(x));
    }

    static Block readBody(CanonicalReader r) {
      byte[] header = r.bytes(MAX_HEADER_BYTES);
      byte[] certificate = r.bytes(MAX_CERTIFICATE_BYTES);
      Optional<byte[]> lastCommit =
          r.bool() ? Optional.of(r.bytes(MAX_CERTIFICATE_BYTES)) : Optional.empty();
      return new Block(
          header, certificate, lastCommit, r.list(MAX_TRANSACTIONS, RecordedTransaction::readFrom));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Block b
          && Arrays.equals(b.header, header)
          && Arrays.equals(b.certificate, certificate)
          && b.lastCommit.isPresent() == lastCommit.isPresent()
          && (lastCommit.isEmpty() || Arrays.equals(b.lastCommit.get(), lastCommit.get()))
          && b.transactions.equals(transactions);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(header);
    }

    @Override
    public String toString() {
      return "Block[" + transactions.size() + " transactions]";
    }
  }

  /**
   * What the node's state says at export time: manifest, status, joint key and {@code H_E} (absent
   * before the ceremony completed), the aggregate, the number of counted ballots (of holders, for a
   * meeting) and the result (absent before the tally); for a tallied shareholder meeting also its
   * decision ({@code MeetingResult}, docs/contracts.md §8.5). The verifier recomputes each from the
   * transactions and compares.
   */
  record Summary(
      ElectionManifest manifest,
      ElectionStatus status,
      Optional<GroupElement> jointKey,
      Optional<Hash32> extendedBaseHash,
      List<Ciphertext> aggregate,
      long counted,
      Optional<List<Long>> result,
      Optional<MeetingResult> meetingResult)
      implements RecordSection {
    public static final int MAX_SELECTIONS = 64 * 64;

    public Summary {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(jointKey, "jointKey");
      Objects.requireNonNull(extendedBaseHash, "extendedBaseHash");
      aggregate = List.copyOf(aggregate);
      result = result.map(List::copyOf);
      Objects.requireNonNull(meetingResult, "meetingResult");
      if (counted < 0) {
        throw new IllegalArgumentException("negative count");
      }
    }

    @Override
    public int kind() {
      return KIND_SUMMARY;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.bytes(manifest.encode()).u8(status.tag()).bool(jointKey.isPresent());
      jointKey.ifPresent(k -> w.fixed(k.encode()));
      w.bool(extendedBaseHash.isPresent());
      extendedBaseHash.ifPresent(h -> w.fixed(h.bytes()));
      w.list(aggregate, (x, c) -> c.writeTo(x));
      w.varint(counted).bool(result.isPresent());
      result.ifPresent(counts -> w.list(counts, CanonicalWriter::varint));
      w.bool(meetingResult.isPresent());
      meetingResult.ifPresent(m -> w.bytes(m.encode()));
    }

    static Summary readBody(CanonicalReader r) {
      ElectionManifest manifest = ElectionManifest.decode(r.bytes(1 << 20));
      int tag = r.u8();
      if (tag < 1 || tag > ElectionStatus.values().length) {
        throw CanonicalReader.unknownTag("election status", tag);
      }
      ElectionStatus status = ElectionStatus.ofTag(tag);
      Optional<GroupElement> key =
          r.bool()
              ? Optional.of(GroupElement.decode(r.fixed(GroupElement.LENGTH)))
              : Optional.empty();
      Optional<Hash32> he = r.bool() ? Optional.of(Hash32.of(r.fixed(32))) : Optional.empty();
      List<Ciphertext> aggregate = r.list(MAX_SELECTIONS, x -> Ciphertext.readFrom(x, true));
      long counted = r.varint(Long.MAX_VALUE);
      Optional<List<Long>> result =
          r.bool()
              ? Optional.of(r.list(MAX_SELECTIONS, x -> x.varint(Long.MAX_VALUE)))
              : Optional.empty();
      Optional<MeetingResult> meeting =
          r.bool() ? Optional.of(MeetingResult.decode(r.bytes(1 << 20))) : Optional.empty();
      return new Summary(manifest, status, key, he, aggregate, counted, result, meeting);
    }
  }

  /** The number of sections before it: a truncated record is recognised as such. */
  record End(long sections) implements RecordSection {
    public End {
      if (sections < 0) {
        throw new IllegalArgumentException("negative count");
      }
    }

    @Override
    public int kind() {
      return KIND_END;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.varint(sections);
    }

    static End readBody(CanonicalReader r) {
      return new End(r.varint(Long.MAX_VALUE));
    }
  }
}
