package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.tx.ErrorCode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error code is produced by at least one test: this registry names the test, and the check
 * below fails if a code has no entry, if the named test method does not exist, or if its source
 * file never mentions the code.
 */
class ErrorCodeCoverageTest {
  private static final String GOV = "io.votechain.contract.GovernanceContractTest";
  private static final String ELECTION = "io.votechain.contract.ElectionContractTest";
  private static final String DEVICE = "io.votechain.contract.DeviceRegistryTest";
  private static final String ROLL = "io.votechain.contract.VoterRollTest";
  private static final String REVOTE = "io.votechain.contract.RevoteRuleTest";
  private static final String CRYPTO = "io.votechain.contract.BallotBoxAndTallyTest";
  private static final String TX = "io.votechain.tx.SignedTransactionTest";
  private static final String MEETING = "io.votechain.contract.ShareholderMeetingTest";

  private static final Map<ErrorCode, String> COVERED_BY = new EnumMap<>(ErrorCode.class);

  static {
    COVERED_BY.put(ErrorCode.OK, GOV + "#actionExecutesWhenTheSecondOfficialApproves");
    COVERED_BY.put(ErrorCode.MALFORMED_TRANSACTION, TX + "$Encoding#unknownKindTagIsRefused");
    COVERED_BY.put(
        ErrorCode.TRANSACTION_TOO_LARGE, TX + "$Encoding#oversizedInputIsRefusedBeforeParsing");
    COVERED_BY.put(
        ErrorCode.BAD_SIGNATURE, GOV + "#transactionSignedForAnotherChainFailsItsSignature");
    COVERED_BY.put(ErrorCode.BAD_NONCE, GOV + "#replayedTransactionIsRejectedForItsNonce");
    COVERED_BY.put(
        ErrorCode.UNAUTHORIZED,
        DEVICE + "$Attestation#attestationSubmittedByAnotherKeyIsUnauthorized");
    COVERED_BY.put(
        ErrorCode.INVALID_ARGUMENT, DEVICE + "$Custody#transferToTheCurrentCustodianIsRejected");
    COVERED_BY.put(ErrorCode.NOT_AN_OFFICIAL, GOV + "#proposalByNonOfficialIsRejected");
    COVERED_BY.put(ErrorCode.UNKNOWN_PROPOSAL, GOV + "#approvalOfUnknownProposalIsRejected");
    COVERED_BY.put(ErrorCode.PROPOSAL_EXPIRED, GOV + "#approvalAfterExpiryIsRejected");
    COVERED_BY.put(ErrorCode.DUPLICATE_APPROVAL, GOV + "#secondApprovalBySameOfficialIsRejected");
    COVERED_BY.put(
        ErrorCode.PROPOSAL_ALREADY_EXECUTED, GOV + "#approvalOfExecutedProposalIsRejected");
    COVERED_BY.put(ErrorCode.INVALID_EXPIRY, GOV + "#expiryBeyondTheMaximumLifetimeIsRejected");
    COVERED_BY.put(ErrorCode.INVALID_MANIFEST, GOV + "#invalidManifestIsRejectedAtProposalTime");
    COVERED_BY.put(
        ErrorCode.ELECTION_EXISTS, GOV + "#completingApprovalCarriesTheActionsOwnRejection");
    COVERED_BY.put(ErrorCode.UNKNOWN_ELECTION, ELECTION + "$Lifecycle#unknownElectionIsRejected");
    COVERED_BY.put(
        ErrorCode.ILLEGAL_TRANSITION, ELECTION + "$Lifecycle#stepsOutOfOrderAreIllegalTransitions");
    COVERED_BY.put(
        ErrorCode.ELECTION_KEY_MISSING,
        ELECTION + "$Lifecycle#openingWithoutTheJointKeyIsRejected");
    COVERED_BY.put(
        ErrorCode.INVALID_TRUSTEES,
        ELECTION + "$Manifests#trusteeThresholdAboveTheTrusteeCountIsRejected");
    COVERED_BY.put(
        ErrorCode.OUTSIDE_VOTING_WINDOW,
        ELECTION + "$Lifecycle#closingBeforeTheWindowEndsIsRejected");
    COVERED_BY.put(ErrorCode.UNKNOWN_DEVICE, DEVICE + "$Provisioning#unknownDeviceIsRejected");
    COVERED_BY.put(
        ErrorCode.DEVICE_EXISTS, DEVICE + "$Provisioning#sameIdOrSameKeyCannotBeProvisionedTwice");
    COVERED_BY.put(
        ErrorCode.DEVICE_REVOKED, DEVICE + "$ServiceStatus#revocationNeedsTwoOfficialsAndIsFinal");
    COVERED_BY.put(
        ErrorCode.DEVICE_SUSPENDED,
        DEVICE + "$ServiceStatus#suspendedDeviceStopsCountingAndMustReattestAfterReinstatement");
    COVERED_BY.put(ErrorCode.NOT_CUSTODIAN, DEVICE + "$Custody#onlyTheCurrentCustodianCanHandOver");
    COVERED_BY.put(ErrorCode.BAD_CUSTODY_SIGNATURE, DEVICE + "$Custody#receivingCustodianMustSign");
    COVERED_BY.put(
        ErrorCode.BAD_ATTESTATION_SIGNATURE,
        DEVICE + "$Attestation#evidenceNotSignedByTheDeviceIsRejected");
    COVERED_BY.put(
        ErrorCode.MEASUREMENT_MISMATCH, DEVICE + "$Attestation#wrongMeasurementIsRejected");
    COVERED_BY.put(
        ErrorCode.STALE_ATTESTATION_NONCE, DEVICE + "$Attestation#nonceOlderThanTheWindowIsStale");
    COVERED_BY.put(ErrorCode.COUNTER_NOT_INCREASING, DEVICE + "$Attestation#counterMustIncrease");
    COVERED_BY.put(
        ErrorCode.DEVICE_NOT_ATTESTED, ROLL + "$PollBook#kioskWithStaleAttestationIsRejected");
    COVERED_BY.put(
        ErrorCode.DEVICE_NOT_SUSPENDED,
        DEVICE + "$ServiceStatus#reinstatingAnActiveDeviceIsRejected");
    COVERED_BY.put(
        ErrorCode.UNKNOWN_CREDENTIAL, ROLL + "$PollBook#credentialNotOnTheRollIsRejected");
    COVERED_BY.put(ErrorCode.CREDENTIAL_EXISTS, ROLL + "$Credentials#credentialCannotBeAddedTwice");
    COVERED_BY.put(ErrorCode.WRONG_STATION, ROLL + "$PollBook#voterOfAnotherStationIsRejected");
    COVERED_BY.put(
        ErrorCode.ALREADY_CHECKED_IN,
        ROLL + "$PollBook#attestedKioskOfTheVotersStationChecksTheVoterInOnce");
    COVERED_BY.put(
        ErrorCode.ROLL_CLOSED, ROLL + "$Credentials#rollOfUnknownOrClosedElectionIsRejected");
    COVERED_BY.put(ErrorCode.ELECTION_NOT_OPEN, ROLL + "$PollBook#checkInAfterCloseIsRejected");
    COVERED_BY.put(ErrorCode.ALREADY_VOTED, REVOTE + "#decisionFollowsThePolicyTable");
    COVERED_BY.put(ErrorCode.IN_PERSON_VOTE_FINAL, REVOTE + "#decisionFollowsThePolicyTable");
    COVERED_BY.put(
        ErrorCode.WRONG_ELECTION_STATUS, CRYPTO + "$Tally#decryptionBeforeCloseIsRejected");
    COVERED_BY.put(
        ErrorCode.SPOILED_BALLOT_MISMATCH,
        CRYPTO + "$InPerson#challengedBallotThatDoesNotMatchTheScreenIsRejected");
    COVERED_BY.put(ErrorCode.BALLOT_INVALID, CRYPTO + "$Casting#ballotWithABrokenProofIsRejected");
    COVERED_BY.put(ErrorCode.DUPLICATE_BALLOT, CRYPTO + "$Casting#sameBallotCannotBeRecordedTwice");
    COVERED_BY.put(
        ErrorCode.NOT_CHECKED_IN, CRYPTO + "$InPerson#kioskCannotCastForAVoterItDidNotCheckIn");
    COVERED_BY.put(
        ErrorCode.NOT_A_TRUSTEE,
        CRYPTO + "$KeyCeremony#announcementSignedByAnotherTrusteeIsRejected");
    COVERED_BY.put(
        ErrorCode.DUPLICATE_ANNOUNCEMENT, CRYPTO + "$KeyCeremony#secondAnnouncementIsRejected");
    COVERED_BY.put(
        ErrorCode.INVALID_ANNOUNCEMENT,
        CRYPTO + "$KeyCeremony#announcementForAnotherElectionIsRejected");
    COVERED_BY.put(
        ErrorCode.DUPLICATE_DECRYPTION,
        CRYPTO + "$Tally#trusteeCannotPublishTwiceAndOutsidersNotAtAll");
    COVERED_BY.put(
        ErrorCode.CEREMONY_ROUND_NOT_READY,
        CRYPTO + "$KeyCeremony#sharesAreRefusedUntilEveryTrusteeHasAnnounced");
    COVERED_BY.put(
        ErrorCode.DUPLICATE_SHARES,
        CRYPTO + "$KeyCeremony#sharesBeforeEveryAnnouncementAreRejected");
    COVERED_BY.put(
        ErrorCode.DUPLICATE_COMPLAINT,
        CRYPTO + "$KeyCeremony#complaintBlocksOpeningUntilTheDealerDisclosesAValidShare");
    COVERED_BY.put(
        ErrorCode.UNKNOWN_COMPLAINT,
        CRYPTO + "$KeyCeremony#complaintBlocksOpeningUntilTheDealerDisclosesAValidShare");
    COVERED_BY.put(
        ErrorCode.INVALID_DISCLOSURE,
        CRYPTO + "$KeyCeremony#complaintBlocksOpeningUntilTheDealerDisclosesAValidShare");
    COVERED_BY.put(
        ErrorCode.INVALID_DECRYPTION, CRYPTO + "$Tally#decryptionOfAnotherCiphertextIsRejected");
    COVERED_BY.put(
        ErrorCode.INVALID_AUTHORITY,
        "io.votechain.contract.AuthorityChangeTest#invalidAuthorityIsRejectedAtProposalTime");
    COVERED_BY.put(
        ErrorCode.CEREMONY_NOT_BLOCKED,
        "io.votechain.contract.CeremonyRestartTest"
            + "#silentDealerIsReplacedAndTheNewCeremonyOpensTheElection");
    COVERED_BY.put(
        ErrorCode.UNKNOWN_MEETING,
        MEETING + "$Setup#onlyOfficialsLoadTheRegisterAndOnlyForAMeeting");
    COVERED_BY.put(
        ErrorCode.INVALID_MEETING,
        MEETING + "$Setup#resolutionWithoutForAgainstAbstainIsAnInvalidMeeting");
    COVERED_BY.put(
        ErrorCode.UNKNOWN_HOLDER,
        MEETING + "$Proxies#onlyHoldersAppointAndRevokeAndOnlyAnAppointedProxy");
    COVERED_BY.put(ErrorCode.HOLDER_EXISTS, MEETING + "$Setup#holderCannotBeRegisteredTwice");
    COVERED_BY.put(
        ErrorCode.REGISTER_CLOSED, MEETING + "$Setup#registerIsFrozenOnceTheMeetingLeavesDraft");
    COVERED_BY.put(
        ErrorCode.NOT_A_PROXY, MEETING + "$Casting#strangersAndUnknownHoldersCannotCast");
    COVERED_BY.put(
        ErrorCode.PROXY_NOT_APPOINTED,
        MEETING + "$Proxies#onlyHoldersAppointAndRevokeAndOnlyAnAppointedProxy");
    COVERED_BY.put(
        ErrorCode.HOLDER_HAS_VOTED,
        MEETING + "#annualGeneralMeetingTalliesTheChosenVotesWithProxiesAndOverrides");
    COVERED_BY.put(
        ErrorCode.WRONG_ELECTION_KIND,
        MEETING + "$Setup#meetingIsNeitherAmendedNorGivenAVoterRoll");
    COVERED_BY.put(
        ErrorCode.INVALID_PROXY, MEETING + "$Proxies#holderCannotAppointItselfOrTheSameProxyTwice");
  }

  @Test
  void everyErrorCodeHasACoveringTest() {
    assertEquals(EnumSet.allOf(ErrorCode.class), EnumSet.copyOf(COVERED_BY.keySet()));
  }

  @Test
  void everyCoveringTestExistsAndMentionsItsCode() throws Exception {
    for (Map.Entry<ErrorCode, String> e : COVERED_BY.entrySet()) {
      String[] parts = e.getValue().split("#");
      Class<?> testClass = Class.forName(parts[0]);
      assertTrue(
          Arrays.stream(testClass.getDeclaredMethods())
              .map(Method::getName)
              .anyMatch(parts[1]::equals),
          e.getValue() + " does not exist");
      String outer = parts[0].replaceAll("\\$.*", "");
      assertTrue(
          source(outer).contains("ErrorCode." + e.getKey().name()),
          outer + " never mentions ErrorCode." + e.getKey());
    }
  }

  @Test
  void everyErrorCodeIsDocumentedWithItsNumberAndHttpStatus() throws IOException {
    String doc = Files.readString(Path.of("../docs/error-codes.md"), StandardCharsets.UTF_8);
    for (ErrorCode code : ErrorCode.values()) {
      String row = "| `" + code.name() + "` | " + code.number() + " | ";
      int at = doc.indexOf(row);
      assertTrue(at >= 0, code + " has no row in docs/error-codes.md");
      String line = doc.substring(at, doc.indexOf('\n', at)).strip();
      assertTrue(line.endsWith("| " + code.httpStatus() + " |"), line);
    }
  }

  private static String source(String className) throws IOException {
    Path file = Path.of("src/test/java", className.replace('.', '/') + ".java");
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
