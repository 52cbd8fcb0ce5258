package org.gofer.lti;

/**
 * Where one student's score for one assignment goes. The fields are protocol-neutral so that a
 * second protocol shares the outbox: for LTI 1.1 Basic Outcomes the endpoint is
 * {@code lis_outcome_service_url} and the recipient is {@code lis_result_sourcedid}; for LTI 1.3
 * AGS they would be the line item URL and the platform's user id.
 *
 * @param protocol the {@link OutcomePublisher#protocol()} that delivers it
 * @param consumerKey which configured consumer's credentials sign the request
 * @param endpointUrl where the score is sent
 * @param recipientId whose score it is, in the LMS's terms
 */
public record PassbackTarget(String protocol, String consumerKey, String endpointUrl, String recipientId) {}
