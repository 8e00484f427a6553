package io.votechain.web.official;

import io.vertx.ext.web.RoutingContext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.SuspendDevice;
import io.votechain.web.LedgerQueries;
import io.votechain.web.WebContext;
import java.util.HexFormat;

/**
 * The devices page of the console: the registry with status, station, custodian and attestation,
 * and the device manager's actions (provision, assign, suspend, reinstate; revocation is M-of-N).
 */
final class DeviceForms {
  private static final String BACK = "/official/devices";
  private final WebContext web;
  private final LedgerQueries queries;
  private final OfficialPages console;

  DeviceForms(WebContext web, LedgerQueries queries, OfficialPages console) {
    this.web = web;
    this.queries = queries;
    this.console = console;
  }

  private static String form(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null ? "" : v.strip();
  }

  void page(RoutingContext ctx, Official official) {
    String after = LedgerQueries.after(ctx.queryParams().get("after"));
    web.blocking(
            () -> {
              LedgerQueries.Page<io.votechain.contract.DeviceRecord> devices =
                  queries.devices(after);
              return OfficialPages.model(
                  ctx,
                  "devices",
                  devices.items(),
                  "devicesAfter",
                  after,
                  "devicesNext",
                  devices.next().orElse(null),
                  "height",
                  queries.height());
            })
        .onSuccess(m -> web.render(ctx, "official/devices", m))
        .onFailure(ctx::fail);
  }

  void provision(RoutingContext ctx, Official official) {
    try {
      HexFormat hex = HexFormat.of();
      ProvisionDevice tx =
          new ProvisionDevice(
              form(ctx, "deviceId"),
              EcdsaP256PublicKey.decode(hex.parseHex(form(ctx, "deviceKey"))),
              form(ctx, "model"),
              Hash32.fromHex(form(ctx, "measurement")),
              Ed25519PublicKey.decode(hex.parseHex(form(ctx, "custodian"))));
      console.submitAndReport(ctx, official, tx, "action.provision", BACK);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "devices.invalid");
      WebContext.seeOther(ctx, BACK);
    }
  }

  void assign(RoutingContext ctx, Official official) {
    try {
      console.submitAndReport(
          ctx,
          official,
          new AssignDevice(ctx.pathParam("id"), form(ctx, "stationId")),
          "action.assign",
          BACK);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "devices.invalid");
      WebContext.seeOther(ctx, BACK);
    }
  }

  void suspend(RoutingContext ctx, Official official) {
    try {
      console.submitAndReport(
          ctx,
          official,
          new SuspendDevice(ctx.pathParam("id"), form(ctx, "reason")),
          "action.suspend",
          BACK);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "devices.invalid");
      WebContext.seeOther(ctx, BACK);
    }
  }

  void reinstate(RoutingContext ctx, Official official) {
    try {
      console.submitAndReport(
          ctx, official, new ReinstateDevice(ctx.pathParam("id")), "action.reinstate", BACK);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "devices.invalid");
      WebContext.seeOther(ctx, BACK);
    }
  }

  void revoke(RoutingContext ctx, Official official) {
    try {
      console.propose(
          ctx,
          official,
          new GovernedAction.RevokeDevice(ctx.pathParam("id"), form(ctx, "reason")),
          "action.revoke",
          BACK);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "devices.invalid");
      WebContext.seeOther(ctx, BACK);
    }
  }
}
