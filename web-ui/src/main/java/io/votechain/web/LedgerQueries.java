package io.votechain.web;

import io.votechain.contract.DeviceRecord;
import io.votechain.contract.DeviceRegistry;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.contract.Trustees;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Keys;
import io.votechain.tx.election.ElectionManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what the pages show from the committed state, in the layout of docs/contracts.md §1. Every
 * method blocks (store reads): call through {@link WebContext#blocking}. Lists come in state-key
 * order, so two nodes show the same page for the same height.
 */
public final class LedgerQueries {
  private final LedgerPort ledger;
  private final LedgerStateView view;

  public LedgerQueries(LedgerPort ledger) {
    this.ledger = ledger;
    this.view = new LedgerStateView(ledger);
  }

  /** A proposal as stored under {@code gov/proposal/<id>}. */
  public record Proposal(
      Hash32 id,
      GovernedAction action,
      long expiresAtHeight,
      List<Ed25519PublicKey> approvals,
      boolean executed) {
    public Proposal {
      approvals = List.copyOf(approvals);
    }

    public String idHex() {
      return id.hex();
    }

    public List<String> approvalsHex() {
      return approvals.stream().map(Keys::hex).toList();
    }

    /** The election or device the action is about. */
    public String subject() {
      if (action instanceof GovernedAction.CreateElection c) {
        return c.manifest().electionId();
      } else if (action instanceof GovernedAction.AmendElection a) {
        return a.manifest().electionId();
      } else if (action instanceof GovernedAction.RegisterTrustees t) {
        return t.electionId();
      } else if (action instanceof GovernedAction.OpenElection o) {
        return o.electionId();
      } else if (action instanceof GovernedAction.CloseElection c) {
        return c.electionId();
      } else if (action instanceof GovernedAction.CertifyElection c) {
        return c.electionId();
      } else if (action instanceof GovernedAction.RevokeDevice r) {
        return r.deviceId();
      } else if (action instanceof GovernedAction.RestartKeyCeremony k) {
        return k.electionId();
      }
      return "";
    }

    /** The action's kind, e.g. {@code OPEN_ELECTION} (a message-key suffix). */
    public String kind() {
      return action.kind().name();
    }
  }

  /** An election as the pages list it. */
  public record Election(ElectionManifest manifest, ElectionStatus status) {
    public String id() {
      return manifest.electionId();
    }

    public String startUtc() {
      return utc(manifest.votingStart());
    }

    public String endUtc() {
      return utc(manifest.votingEnd());
    }

    /** The name in {@code lang}, else English. */
    public String name(String lang) {
      return manifest.name().labels().getOrDefault(lang, manifest.name().labels().get("en"));
    }
  }

  static String utc(long millis) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.ofEpochMilli(millis));
  }

  /** Counts for one polling station: credentials on the roll and how many have a counted vote. */
  public record StationTurnout(
      String stationId, long eligible, long voted, long web, long inPerson) {
    /** Whole per cent, rounded down (0 when nobody is on the roll). */
    public long percent() {
      return eligible == 0 ? 0 : voted * 100 / eligible;
    }
  }

  public long height() {
    return ledger.height();
  }

  public List<Proposal> proposals() {
    List<Proposal> out = new ArrayList<>();
    for (StateEntry e : ledger.folder("gov/proposal/")) {
      String key = new String(e.key(), StandardCharsets.US_ASCII);
      Hash32 id = Hash32.fromHex(key.substring(key.lastIndexOf('/') + 1));
      CanonicalReader r = new CanonicalReader(e.value());
      Proposal p =
          new Proposal(
              id,
              GovernedAction.readFrom(r),
              r.varint(Long.MAX_VALUE),
              r.list(64, Keys::readEd25519),
              r.bool());
      r.finish();
      out.add(p);
    }
    return out;
  }

  /** Every election: those created by an executed proposal, in election-id order. */
  public List<Election> elections() {
    Map<String, Election> byId = new TreeMap<>();
    for (Proposal p : proposals()) {
      if (p.executed() && p.action() instanceof GovernedAction.CreateElection c) {
        String id = c.manifest().electionId();
        election(id).ifPresent(e -> byId.put(id, e));
      }
    }
    return List.copyOf(byId.values());
  }

  public Optional<Election> election(String id) {
    if (!isIdentifier(id)) {
      return Optional.empty();
    }
    Optional<byte[]> manifest = ledger.state(StateKeys.electionManifest(id));
    Optional<byte[]> status = ledger.state(StateKeys.electionStatus(id));
    if (manifest.isEmpty() || status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Election(
            ElectionManifest.decode(manifest.get()), ElectionStatus.ofTag(status.get()[0] & 0xFF)));
  }

  public Optional<Trustees> trustees(String electionId) {
    return Trustees.read(view, electionId);
  }

  public int announcements(String electionId) {
    return ledger.folder(StateKeys.announcementPrefix(electionId)).size();
  }

  public int sharesPublished(String electionId) {
    return ledger.folder(StateKeys.sharesPrefix(electionId)).size();
  }

  public boolean hasJointKey(String electionId) {
    return ledger.state(StateKeys.electionJointKey(electionId)).isPresent();
  }

  public int decryptions(String electionId) {
    return ledger.folder(StateKeys.decryptionPrefix(electionId)).size();
  }

  public long counted(String electionId) {
    return ElectionCrypto.counted(view, electionId);
  }

  /** The decrypted count per selection, manifest order, once tallied. */
  public Optional<List<Long>> result(String electionId) {
    return ledger
        .state(StateKeys.result(electionId))
        .map(
            b -> {
              CanonicalReader r = new CanonicalReader(b);
              List<Long> counts = r.list(64 * 64, x -> x.varint(Long.MAX_VALUE));
              r.finish();
              return counts;
            });
  }

  /**
   * Rows per page where a list can run to tens of thousands (stations of an election, devices of a
   * chain): a page that a browser renders at once and a person scans.
   */
  public static final int PAGE_SIZE = 100;

  /** A page of a listing, and the id to ask the following page after when there is one. */
  public record Page<T>(List<T> items, Optional<String> next) {}

  /**
   * The {@code after} of a paged page's query: an identifier, else (absent or malformed) the first
   * page.
   */
  public static String after(String param) {
    return isIdentifier(param) ? param : "";
  }

  /**
   * A page of the turnout per station, in station-id order, after station {@code after} (empty:
   * from the first): the counts the contracts keep per station ({@link
   * io.votechain.contract.StationTurnout}), one key each.
   */
  public Page<StationTurnout> turnout(String electionId, String after) {
    if (!isIdentifier(electionId)) {
      return new Page<>(List.of(), Optional.empty());
    }
    return page(
        StateKeys.turnoutPrefix(electionId),
        after,
        e -> {
          io.votechain.contract.StationTurnout t =
              io.votechain.contract.StationTurnout.decode(e.lastSegment(), e.value());
          return Optional.of(
              new StationTurnout(t.stationId(), t.eligible(), t.counted(), t.web(), t.inPerson()));
        });
  }

  /** A page of the registered devices, in id order, after device {@code after} (empty: first). */
  public Page<DeviceRecord> devices(String after) {
    return page("device/id/", after, e -> DeviceRegistry.device(view, e.lastSegment()));
  }

  private <T> Page<T> page(
      String folder, String after, java.util.function.Function<StateEntry, Optional<T>> decode) {
    String from = isIdentifier(after) ? folder + after : "";
    io.votechain.store.FolderPage read =
        io.votechain.store.FolderPage.cut(
            ledger.folderPage(folder, from, PAGE_SIZE + 1), PAGE_SIZE);
    List<T> items = new ArrayList<>();
    for (StateEntry e : read.entries()) {
      decode.apply(e).ifPresent(items::add);
    }
    return new Page<>(items, read.nextId());
  }

  public Optional<DeviceRecord> device(String id) {
    return isIdentifier(id) ? DeviceRegistry.device(view, id) : Optional.empty();
  }

  /** The receipt of a committed transaction: its error-code name, or empty if not committed. */
  public Optional<String> receiptCode(Hash32 txId) {
    return ledger
        .state(StateKeys.receipt(txId))
        .map(
            b -> {
              try {
                return io.votechain.contract.TxReceipt.decodeOutcome(b).code().name();
              } catch (io.votechain.encoding.EncodingException e) {
                return "MALFORMED_RECEIPT";
              }
            });
  }

  /** Whether {@code id} can name an election, contest or device (docs/contracts.md §1). */
  public static boolean isIdentifier(String id) {
    return id != null && id.matches("[A-Za-z0-9._-]{1,64}");
  }

  static StateKey key(String path) {
    return new StateKey(path);
  }
}
