package io.lakehouse.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one fault did: whether anything was lost or duplicated once the stack recovered ({@code verify}'s counts), how
 * long recovery took (from the fault to {@code verify} agreeing), and the first error the interrupted seed printed,
 * with whether it named the service that failed.
 *
 * @param lost        records the source has that the lakehouse lacks, summed over verify's count checks
 * @param duplicated  records the lakehouse holds beyond the source's
 * @param mismatched  verify's checks that disagree (a content fingerprint counts here, not in lost)
 * @param recoveryS   seconds from the fault to verify agreeing (or to the end of the round when it never did)
 * @param firstError  the first "error:" line of the interrupted seed; empty when it finished despite the fault
 * @param errorAfterS seconds from the fault to that line (0 when there was none)
 * @param named       whether that line names the service
 * @param stage       the seed stage that was running when the fault was injected
 * @param recovered   the seed after {@code up} succeeded and verify agreed on every check
 * @param seedAgainS  how long that seed took
 * @param seedAgainError its first error line, when it failed
 */
public record ChaosResult(String fault, String service, long lost, long duplicated, int mismatched,
                          @JsonProperty("recovery_s") double recoveryS,
                          @JsonProperty("first_error") String firstError,
                          @JsonProperty("error_after_s") double errorAfterS, boolean named, String stage,
                          boolean recovered, @JsonProperty("seed_again_s") double seedAgainS,
                          @JsonProperty("seed_again_error") String seedAgainError) {
}
