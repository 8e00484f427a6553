package io.votechain.web.official;

import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Keys;
import io.votechain.web.LedgerQueries;
import io.votechain.web.LedgerStateView;
import io.votechain.web.WebContext;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The governed actions that change who decides (docs/web-ui.md §3.6): {@code ChangeAuthority} (the
 * officials and their M) and {@code RestartKeyCeremony} (a blocked ceremony's new trustees). Both
 * are proposals approved M-of-N like open, close and certify; the console only reads the form and
 * proposes, the contracts judge (INVALID_AUTHORITY, INVALID_TRUSTEES, CEREMONY_NOT_BLOCKED, ...).
 */
final class GovernanceForms {
  private final WebContext web;
  private final OfficialPages console;

  GovernanceForms(WebContext web, OfficialPages console) {
    this.web = web;
    this.console = console;
  }

  /**
   * The authority as the committed state holds it; keys as the forms take them (64 hexadecimal
   * digits), so that a proposal can start from a copy of this list.
   */
  record CurrentAuthority(List<String> officials, int threshold) {}

  /**
   * The officials' page: the current authority and, for the authority's administrators, the form.
   */
  void page(RoutingContext ctx, Official official) {
    web.blocking(() -> current(web))
        .onSuccess(
            a ->
                web.render(
                    ctx,
                    "official/authority",
                    OfficialPages.model(ctx, "authority", a, "me", official.publicKeyHex())))
        .onFailure(ctx::fail);
  }

  /**
   * Decodes {@code gov/authority} (docs/contracts.md §4.1: the sorted key list, then M). The
   * contracts' own reader is package-private to them; the encoding is the documented one.
   */
  static CurrentAuthority current(WebContext web) {
    byte[] bytes =
        new LedgerStateView(web.ledger())
            .get(StateKeys.AUTHORITY)
            .orElseThrow(() -> new IllegalStateException("state has no authority"));
    CanonicalReader r = new CanonicalReader(bytes);
    List<Ed25519PublicKey> keys =
        r.list(GovernedAction.ChangeAuthority.MAX_OFFICIALS, Keys::readEd25519);
    int m = (int) r.varint(GovernedAction.ChangeAuthority.MAX_OFFICIALS);
    r.finish();
    return new CurrentAuthority(
        keys.stream().map(k -> HexFormat.of().formatHex(k.encoded())).toList(), m);
  }

  /** Proposes {@code ChangeAuthority}: the whole new set of keys, one per line, and M. */
  void proposeAuthority(RoutingContext ctx, Official official) {
    String back = "/official/authority";
    GovernedAction.ChangeAuthority action;
    try {
      action =
          new GovernedAction.ChangeAuthority(
              keys(form(ctx, "keys")), number(form(ctx, "threshold")));
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "authority.invalid");
      WebContext.seeOther(ctx, back);
      return;
    }
    console.propose(ctx, official, action, "action.changeAuthority", back);
  }

  /** Proposes {@code RestartKeyCeremony} for election {@code :id}: new trustees and k. */
  void restartCeremony(RoutingContext ctx, Official official) {
    String id = ctx.pathParam("id");
    if (!LedgerQueries.isIdentifier(id)) {
      web.render(
          ctx, 404, "layout/refused", OfficialPages.model(ctx, "reason", "refused.notFound"));
      return;
    }
    String back = "/official/elections/" + id;
    GovernedAction.RestartKeyCeremony action;
    try {
      action =
          new GovernedAction.RestartKeyCeremony(
              id, keys(form(ctx, "keys")), number(form(ctx, "threshold")));
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "trustees.invalid");
      WebContext.seeOther(ctx, back);
      return;
    }
    console.propose(ctx, official, action, "action.restartCeremony", back);
  }

  /**
   * One 64-hex Ed25519 key per line (blank lines skipped); throws on anything else. Duplicates and
   * counts are left to the contracts, which refuse them with their documented codes.
   */
  static List<Ed25519PublicKey> keys(String text) {
    List<Ed25519PublicKey> keys = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        keys.add(Ed25519PublicKey.decode(HexFormat.of().parseHex(line.strip())));
      }
    }
    return keys;
  }

  private static int number(String s) {
    return Integer.parseInt(s);
  }

  private static String form(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null ? "" : v.strip();
  }
}
