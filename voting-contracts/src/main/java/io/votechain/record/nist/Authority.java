package io.votechain.record.nist;

/**
 * The election authority: it runs the election and issues the report (NIST Issuer,
 * IssuerAbbreviation and the jurisdiction's ElectionAdministration). Instances are immutable.
 */
public record Authority(String name, String abbreviation) {
  public Authority {
    Checks.text(name, "authority name");
    Checks.text(abbreviation, "authority abbreviation");
  }
}
