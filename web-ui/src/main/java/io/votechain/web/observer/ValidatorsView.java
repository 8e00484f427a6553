package io.votechain.web.observer;

import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The explorer's validators page (docs/web-ui.md §4.2): the genesis validators (index, address,
 * Ed25519 key), which of them signed the latest block's commit certificate, and the latest block
 * each proposed among the recent ones. Built from the genesis, the latest certificate and the
 * recent headers only, so it is a pure function and tested without a network. Immutable.
 *
 * @param chainId the consensus chain id (genesis hash), hex
 * @param chainName the genesis's chain name
 * @param quorum signatures a certificate needs ({@code n − f})
 * @param maxFaulty {@code f}
 * @param latestHeight the latest block's height, 0 before the first
 * @param latestRound the round in which it was committed
 * @param signatures how many validators signed its certificate
 * @param rows one per validator, in genesis order
 */
public record ValidatorsView(
    String chainId,
    String chainName,
    int quorum,
    int maxFaulty,
    long latestHeight,
    int latestRound,
    int signatures,
    List<Row> rows) {
  private static final HexFormat HEX = HexFormat.of();

  public ValidatorsView {
    rows = List.copyOf(rows);
  }

  /**
   * One validator. {@code lastProposed} is 0 when it proposed none of the recent blocks.
   *
   * @param index its index in the genesis (what certificates and headers name it by)
   * @param address its peer address
   * @param publicKey its Ed25519 key, hex
   * @param signedLatest whether its signature is in the latest certificate
   * @param lastProposed the latest recent block it proposed, or 0
   */
  public record Row(
      int index, String address, String publicKey, boolean signedLatest, long lastProposed) {}

  /**
   * @param latest the latest block's height and certificate, empty before the first block
   * @param recentHeaders recent headers, any order
   */
  public static ValidatorsView of(
      Genesis genesis,
      long latestHeight,
      Optional<CommitCertificate> latest,
      List<BlockHeader> recentHeaders) {
    boolean[] signed = new boolean[genesis.size()];
    int signatures = 0;
    if (latest.isPresent()) {
      for (CommitCertificate.Signature s : latest.get().signatures()) {
        // A certificate is checked before it is stored; an index outside the genesis is still
        // ignored here rather than trusted, and a validator counts once.
        if (genesis.isValidator(s.validator()) && !signed[s.validator()]) {
          signed[s.validator()] = true;
          signatures++;
        }
      }
    }
    long[] proposed = new long[genesis.size()];
    for (BlockHeader h : recentHeaders) {
      if (genesis.isValidator(h.proposer())) {
        proposed[h.proposer()] = Math.max(proposed[h.proposer()], h.height());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < genesis.size(); i++) {
      rows.add(
          new Row(
              i,
              genesis.validator(i).address(),
              HEX.formatHex(genesis.validator(i).key().encoded()),
              signed[i],
              proposed[i]));
    }
    return new ValidatorsView(
        genesis.hash().hex(),
        genesis.chainName(),
        genesis.quorum(),
        genesis.maxFaulty(),
        latestHeight,
        latest.map(CommitCertificate::round).orElse(0),
        signatures,
        rows);
  }
}
