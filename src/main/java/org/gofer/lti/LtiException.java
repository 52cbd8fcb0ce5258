package org.gofer.lti;

import org.gofer.GoferException;

/** Something in the LTI stage went wrong; the message is safe to show to instructors. */
public class LtiException extends GoferException {
    public LtiException(String message) {
        super(message);
    }

    public LtiException(String message, Throwable cause) {
        super(message, cause);
    }
}
