package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.consensus.block.Block;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.contract.StationTurnout;
import io.votechain.contract.Trustees;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.crypto.threshold.Complaint;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.node.NodeContext;
import io.votechain.state.StateView;
import io.votechain.store.StateEntry;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import io.votechain.tx.CastBallot;
import io.votechain.tx.Keys;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The election routes (docs/api.md §2.2): everything is read from the contracts' state
 * (docs/contracts.md §1) through their own decoders. Runs on the API's worker threads.
 */
final class ElectionQueries {
  /** Tag of {@code CreateElection} among governed actions (docs/contracts.md §2). */
  private static final int CREATE_ELECTION = 1;

  private static final int MAX_TRUSTEES = 9;

  private final NodeContext node;
  private final LedgerReads ledger;

  ElectionQueries(NodeContext node, LedgerReads ledger) {
    this.node = node;
    this.ledger = ledger;
  }

  /**
   * The ids of the elections that exist. The state has no election index; every election was
   * created by a {@code CreateElection} proposal, and proposals stay in {@code gov/proposal/}, so
   * the candidates come from there and those whose manifest exists are the elections.
   */
  SortedSet<String> electionIds() {
    SortedSet<String> ids = new TreeSet<>();
    for (StateEntry e : ledger.folder("gov/proposal/")) {
      try {
        CanonicalReader r = new CanonicalReader(e.value());
        if (r.u8() == CREATE_ELECTION) {
          ids.add(ElectionManifest.readFrom(r).electionId());
        }
      } catch (EncodingException | IllegalArgumentException ignored) {
        // a proposal of another kind whose fields do not parse as a manifest: not an election
      }
    }
    ids.removeIf(id -> ledger.state(StateKeys.electionManifest(id)).isEmpty());
    return ids;
  }

  Reply list() {
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    JsonArray list = new JsonArray();
    for (String id : electionIds()) {
      Optional<ElectionManifest> m = ElectionContract.manifest(view, id);
      if (m.isEmpty()) {
        continue;
      }
      list.add(
          new JsonObject()
              .put("electionId", id)
              .put("name", text(m.get().name()))
              .put("status", ElectionContract.status(view, id).map(Enum::name).orElse(null))
              .put("votingStart", m.get().votingStart())
              .put("votingEnd", m.get().votingEnd())
              .put("counted", ElectionCrypto.counted(view, id)));
    }
    return Reply.Json.ok(new JsonObject().put("height", height).put("elections", list));
  }

  Reply detail(String id) {
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    ElectionManifest manifest = manifest(view, id);
    ElectionStatus status = ElectionContract.status(view, id).orElseThrow();
    JsonObject body = manifestJson(manifest).put("status", status.name()).put("height", height);
    Optional<Trustees> trustees = Trustees.read(view, id);
    if (trustees.isPresent()) {
      JsonArray keys = new JsonArray();
      trustees.get().keys().forEach(k -> keys.add(Keys.hex(k)));
      body.put(
          "trustees",
          new JsonObject().put("threshold", trustees.get().threshold()).put("keys", keys));
    } else {
      body.putNull("trustees");
    }
    body.put("jointKey", ledger.state(StateKeys.electionJointKey(id)).map(this::hex).orElse(null));
    body.put(
        "extendedBaseHash",
        ledger.state(StateKeys.extendedBaseHash(id)).map(this::hex).orElse(null));
    body.put("counted", ElectionCrypto.counted(view, id));
    if (ledger.state(StateKeys.aggregate(id)).isPresent()) {
      List<Ciphertext> aggregate =
          ElectionCrypto.aggregate(view, id, ElectionCrypto.selectionCount(manifest));
      body.put("aggregate", perSelection(manifest, aggregate, this::ciphertext));
    } else {
      body.putNull("aggregate");
    }
    Optional<List<Long>> result = result(id);
    body.put("result", result.map(r -> perSelection(manifest, r, Long::valueOf)).orElse(null));
    return Reply.Json.ok(body);
  }

  Reply manifestBytes(String id) {
    byte[] bytes =
        ledger
            .state(StateKeys.electionManifest(id))
            .orElseThrow(() -> new ApiException(ApiError.ELECTION_NOT_FOUND));
    return new Reply.Bytes("application/octet-stream", bytes);
  }

  /**
   * Counted ballots, and per polling station the credentials on its roll, those whose vote counts
   * (by channel) and the in-person check-ins. The station is the one the credential is on the roll
   * for (web voters included). The contracts keep these counts per station ({@link
   * StationTurnout}); they are answered a page of stations at a time, in id order, those after
   * {@code after} (null: from the first), with {@code next} to ask the following page after.
   */
  Reply turnout(String id, String after, int limit) {
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    manifest(view, id);
    JsonObject body =
        new JsonObject()
            .put("electionId", id)
            .put("height", height)
            .put("counted", ElectionCrypto.counted(view, id));
    JsonArray byStation = new JsonArray();
    io.votechain.store.FolderPage page =
        ledger.folderPage(StateKeys.turnoutPrefix(id), after, limit);
    for (StateEntry e : page.entries()) {
      StationTurnout n = StationTurnout.decode(e.lastSegment(), e.value());
      byStation.add(
          new JsonObject()
              .put("stationId", n.stationId())
              .put("eligible", n.eligible())
              .put("web", n.web())
              .put("inPerson", n.inPerson())
              .put("counted", n.counted())
              .put("checkedIn", n.checkedIn()));
    }
    body.put("byStation", byStation).put("next", page.nextId().orElse(null));
    return Reply.Json.ok(body);
  }

  /**
   * What a voter's "check my ballot" page shows: the ballot (cast or spoiled), the transaction that
   * carried it, its block, the transaction's Merkle inclusion proof against the header's
   * transactions root, and the commit certificate. The proof is built over the block's transactions
   * exactly as {@code Block.transactionsRoot} builds the header's root, and checked against it
   * before it is served.
   */
  Reply ballot(String id, Hash32 trackingCode) {
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    manifest(view, id);
    Optional<byte[]> cast = ledger.state(StateKeys.ballot(id, trackingCode));
    Optional<byte[]> spoiled = ledger.state(StateKeys.spoiled(id, trackingCode));
    if (cast.isEmpty() && spoiled.isEmpty()) {
      throw new ApiException(ApiError.BALLOT_NOT_FOUND);
    }
    JsonObject body =
        new JsonObject()
            .put("electionId", id)
            .put("trackingCode", trackingCode.hex())
            .put("height", height);
    if (cast.isPresent()) {
      EncryptedBallot ballot = decodeBallot(cast.get());
      body.put(
          "ballot",
          new JsonObject()
              .put("ballotId", ballot.ballotId())
              .put("styleId", ballot.styleId())
              .put("encoding", hex(cast.get())));
    } else {
      body.putNull("ballot");
    }
    body.put("spoiled", spoiled.map(s -> new JsonObject().put("encoding", hex(s))).orElse(null));
    Optional<byte[]> txId = ledger.state(StateKeys.ballotTx(id, trackingCode));
    if (txId.isEmpty()) {
      throw new ApiException(ApiError.INTERNAL_ERROR, "the ballot's transaction is not indexed");
    }
    Hash32 tx = Hash32.of(txId.get());
    TxLocation at =
        ledger
            .transaction(tx)
            .orElseThrow(
                () -> new ApiException(ApiError.INTERNAL_ERROR, "the transaction is not indexed"));
    StoredBlock stored =
        ledger.block(at.height()).orElseThrow(() -> new ApiException(ApiError.STORE_UNAVAILABLE));
    Block block = ChainQueries.decode(stored);
    List<byte[]> transactions = block.transactions();
    if (at.index() >= transactions.size()) {
      throw new ApiException(ApiError.INTERNAL_ERROR, "the transaction index is out of range");
    }
    byte[] txBytes = transactions.get(at.index());
    MerkleTree tree = MerkleTree.ofLeaves(transactions);
    if (!tree.root().equals(block.header().transactionsRoot())
        || !node.transactionId(txBytes).equals(tx)) {
      throw new ApiException(ApiError.INTERNAL_ERROR, "the stored block does not match its index");
    }
    InclusionProof proof = tree.prove(at.index());
    JsonArray path = new JsonArray();
    proof.path().forEach(h -> path.add(h.hex()));
    body.put(
        "state", spoiled.isPresent() ? "SPOILED" : countingState(view, id, trackingCode, txBytes));
    body.put(
        "transaction",
        new JsonObject()
            .put("id", tx.hex())
            .put("height", at.height())
            .put("index", at.index())
            .put("encoding", hex(txBytes)));
    body.put(
        "inclusionProof",
        new JsonObject()
            .put("leafIndex", proof.index())
            .put("treeSize", proof.treeSize())
            .put("leafHash", MerkleTree.leafHash(txBytes).hex())
            .put("path", path)
            .put("root", tree.root().hex())
            .put("encoding", hex(proof.encode())));
    body.put(
        "block",
        new JsonObject()
            .put("height", stored.height())
            .put("hash", stored.hash().hex())
            .put("header", BlockViews.header(block.header())));
    body.put(
        "certificate", BlockViews.certificate(ChainQueries.certificate(stored), node.genesis()));
    return Reply.Json.ok(body);
  }

  /** COUNTED if this ballot is the one that counts for its credential, else SUPERSEDED. */
  private String countingState(StateView view, String id, Hash32 trackingCode, byte[] txBytes) {
    try {
      if (SignedTransaction.decode(txBytes).body() instanceof CastBallot c) {
        Optional<byte[]> vote = view.get(StateKeys.vote(id, c.credential()));
        if (vote.isPresent() && vote.get().length == 1 + Hash32.LENGTH) {
          byte[] hash = java.util.Arrays.copyOfRange(vote.get(), 1, vote.get().length);
          return Hash32.of(hash).equals(trackingCode) ? "COUNTED" : "SUPERSEDED";
        }
      }
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
    return "SUPERSEDED";
  }

  /**
   * The key ceremony and the tally as the ledger holds them: per trustee its key, announcement,
   * shares posted and partial decryption; complaints with their answers.
   */
  Reply trustees(String id) {
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    manifest(view, id);
    Optional<Trustees> registered = Trustees.read(view, id);
    JsonObject body = new JsonObject().put("electionId", id).put("height", height);
    if (registered.isEmpty()) {
      return Reply.Json.ok(
          body.putNull("threshold")
              .put("trustees", new JsonArray())
              .put("complaints", new JsonArray())
              .put("decryptions", new JsonObject().put("received", 0).putNull("needed")));
    }
    int n = registered.get().keys().size();
    String prefix = "election/" + id + "/";
    Map<Integer, byte[]> announcements = byIndex(ledger.folder(prefix + "announcement/"));
    Map<Integer, byte[]> shares = byIndex(ledger.folder(prefix + "shares/"));
    Map<Integer, byte[]> decryptions = byIndex(ledger.folder(prefix + "decryption/"));
    JsonArray trustees = new JsonArray();
    JsonArray complaints = new JsonArray();
    try {
      for (int i = 1; i <= n; i++) {
        JsonObject t =
            new JsonObject()
                .put("index", i)
                .put("publicKey", Keys.hex(registered.get().keys().get(i - 1)));
        byte[] a = announcements.get(i);
        if (a != null) {
          KeyCeremonyAnnouncement announcement = KeyCeremonyAnnouncement.decode(a);
          JsonArray commitments = new JsonArray();
          announcement.commitments().forEach(c -> commitments.add(hex(c.encode())));
          t.put(
              "announcement",
              new JsonObject()
                  .put("commitments", commitments)
                  .put("shareEncryptionKey", hex(announcement.shareEncryptionKey().encode()))
                  .put("encoding", hex(a)));
        } else {
          t.putNull("announcement");
        }
        byte[] s = shares.get(i);
        if (s != null) {
          CanonicalReader r = new CanonicalReader(s);
          List<EncryptedShare> list = r.list(MAX_TRUSTEES, EncryptedShare::readFrom);
          JsonArray recipients = new JsonArray();
          list.forEach(x -> recipients.add(x.recipient()));
          t.put("sharesPosted", true).put("shareRecipients", recipients);
        } else {
          t.put("sharesPosted", false).put("shareRecipients", new JsonArray());
        }
        byte[] d = decryptions.get(i);
        t.put("decryptionPosted", d != null);
        t.put("decryption", d == null ? null : hex(d));
        trustees.add(t);
        for (StateEntry e : ledger.folder(prefix + "complaint/" + digits(i) + "/")) {
          Complaint c = Complaint.decode(e.value());
          Optional<byte[]> disclosed =
              ledger.state(StateKeys.disclosure(id, c.dealer(), c.recipient()));
          complaints.add(
              new JsonObject()
                  .put("dealer", c.dealer())
                  .put("recipient", c.recipient())
                  .put("reason", c.reason().name())
                  .put("answered", disclosed.isPresent())
                  .put("disclosedShare", disclosed.map(this::hex).orElse(null)));
        }
      }
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
    JsonArray received = new JsonArray();
    decryptions.keySet().forEach(received::add);
    return Reply.Json.ok(
        body.put("threshold", registered.get().threshold())
            .put("trustees", trustees)
            .put("complaints", complaints)
            .put(
                "decryptions",
                new JsonObject()
                    .put("received", decryptions.size())
                    .put("needed", registered.get().threshold())
                    .put("trustees", received)));
  }

  /** The decrypted count per selection, manifest order, once tallied. */
  Optional<List<Long>> result(String id) {
    Optional<byte[]> bytes = ledger.state(StateKeys.result(id));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      CanonicalReader r = new CanonicalReader(bytes.get());
      List<Long> counts = r.list(64 * 64, x -> x.varint(Long.MAX_VALUE));
      r.finish();
      return Optional.of(counts);
    } catch (EncodingException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }

  ElectionManifest manifest(StateView view, String id) {
    try {
      return ElectionContract.manifest(view, id)
          .orElseThrow(() -> new ApiException(ApiError.ELECTION_NOT_FOUND));
    } catch (EncodingException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }

  static JsonObject manifestJson(ElectionManifest m) {
    JsonArray contests = new JsonArray();
    for (Contest c : m.contests()) {
      JsonArray choices = new JsonArray();
      for (Choice choice : c.choices()) {
        choices.add(
            new JsonObject().put("choiceId", choice.choiceId()).put("label", text(choice.label())));
      }
      contests.add(
          new JsonObject()
              .put("contestId", c.contestId())
              .put("kind", c.kind().name())
              .put("selectionLimit", c.selectionLimit())
              .put("title", text(c.title()))
              .put("choices", choices));
    }
    return new JsonObject()
        .put("electionId", m.electionId())
        .put("manifestHash", m.hash().hex())
        .put("name", text(m.name()))
        .put("languages", new JsonArray(new ArrayList<>(m.name().labels().keySet())))
        .put("votingStart", m.votingStart())
        .put("votingEnd", m.votingEnd())
        .put("revotePolicy", m.revotePolicy().name())
        .put("contests", contests);
  }

  static JsonObject text(LocalizedText t) {
    JsonObject o = new JsonObject();
    t.labels().forEach(o::put);
    return o;
  }

  /** One entry per selection in manifest order, as [{contestId, choices: [{choiceId, ...}]}]. */
  private static <T> JsonArray perSelection(
      ElectionManifest m, List<T> values, java.util.function.Function<T, Object> render) {
    JsonArray contests = new JsonArray();
    int at = 0;
    for (Contest c : m.contests()) {
      JsonArray choices = new JsonArray();
      for (Choice choice : c.choices()) {
        Object value = at < values.size() ? render.apply(values.get(at)) : null;
        at++;
        choices.add(new JsonObject().put("choiceId", choice.choiceId()).put("value", value));
      }
      contests.add(new JsonObject().put("contestId", c.contestId()).put("choices", choices));
    }
    return contests;
  }

  private JsonObject ciphertext(Ciphertext c) {
    return new JsonObject()
        .put("alpha", hex(c.alpha().encode()))
        .put("beta", hex(c.beta().encode()));
  }

  private EncryptedBallot decodeBallot(byte[] bytes) {
    try {
      return EncryptedBallot.decode(bytes);
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }

  /** Entries {@code .../<4-digit index>} by index. */
  private static Map<Integer, byte[]> byIndex(List<StateEntry> entries) {
    Map<Integer, byte[]> out = new TreeMap<>();
    for (StateEntry e : entries) {
      try {
        out.put(Integer.parseInt(e.lastSegment()), e.value());
      } catch (NumberFormatException ignored) {
        // not an index entry
      }
    }
    return out;
  }

  private static String digits(int i) {
    return String.format(java.util.Locale.ROOT, "%04d", i);
  }

  private String hex(byte[] bytes) {
    return BlockViews.HEX.formatHex(bytes);
  }
}
