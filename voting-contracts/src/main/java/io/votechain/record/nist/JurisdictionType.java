package io.votechain.record.nist;

/** The kind of area or body an election is held for, mapped to NIST's ReportingUnitType. */
public enum JurisdictionType {
  COUNTRY("country", null),
  STATE("state", null),
  COUNTY("county", null),
  CITY("city", null),
  TOWN("town", null),
  MUNICIPALITY("municipality", null),
  /** A company or association (shareholder meetings); NIST has no such type, so it is "other". */
  ORGANIZATION("other", "organization");

  private final String nistType;
  private final String nistOtherType;

  JurisdictionType(String nistType, String nistOtherType) {
    this.nistType = nistType;
    this.nistOtherType = nistOtherType;
  }

  String nistType() {
    return nistType;
  }

  String nistOtherType() {
    return nistOtherType;
  }
}
