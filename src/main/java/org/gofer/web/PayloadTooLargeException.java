package org.gofer.web;

import org.gofer.GoferException;

/** The request body is over the configured limit (HTTP 413). */
public final class PayloadTooLargeException extends GoferException {
    public PayloadTooLargeException(long limitBytes) {
        super("the request body is larger than the limit of " + limitBytes + " bytes ("
                + Math.max(1, limitBytes / (1024 * 1024)) + " MiB): clear the notebook's outputs "
                + "(Kernel > Restart & Clear Output), save, and submit again");
    }
}
