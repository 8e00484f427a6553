package io.votechain.record.nist;

/**
 * The area or body whose voters took part; reported as the one NIST ReportingUnit that every count
 * refers to. Instances are immutable.
 */
public record Jurisdiction(String id, LocalizedText name, JurisdictionType type) {
  public Jurisdiction {
    Checks.id(id, "jurisdiction id");
    Checks.present(name, "jurisdiction name");
    Checks.present(type, "jurisdiction type");
  }
}
