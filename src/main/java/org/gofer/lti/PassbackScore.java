package org.gofer.lti;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns a grade fraction into the text LTI Basic Outcomes accepts: a plain decimal in [0, 1]
 * written with '.', at most four places, never an exponent ({@code 1.0E-4} is "0.0001"). Values
 * outside the range are clamped; NaN and infinities are refused, because no LMS can store them
 * and sending "NaN" makes edX answer 500. Stateless.
 */
public final class PassbackScore {
    private PassbackScore() {}

    /**
     * @throws InvalidScoreException when {@code fraction} is not a finite number
     */
    public static String format(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            throw new InvalidScoreException("the score to send is " + fraction + ", not a number between 0 and 1");
        }
        double clamped = Math.max(0.0, Math.min(1.0, fraction));
        BigDecimal value =
                BigDecimal.valueOf(clamped).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        return value.toPlainString();
    }

    /** The score cannot be expressed for the LMS; recorded on the outbox row instead of sent. */
    public static final class InvalidScoreException extends LtiException {
        public InvalidScoreException(String message) {
            super(message);
        }
    }
}
