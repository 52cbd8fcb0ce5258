package org.gofer.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassbackScoreTest {

    @ParameterizedTest
    @CsvSource({
        "1.5,1",
        "-0.1,0",
        "1.0E-4,0.0001",
        "0.85,0.85",
        "0.333333,0.3333",
        "0.99995,1",
        "0.00004,0",
        "1,1",
        "0,0",
        "-0.0,0",
        "1.0E-10,0",
        "0.5,0.5"
    })
    void formatsAPlainDecimalInRange(double in, String expected) {
        assertThat(PassbackScore.format(in)).isEqualTo(expected).matches("0|1|0\\.[0-9]{1,4}");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesWhatIsNotANumber(double in) {
        assertThatThrownBy(() -> PassbackScore.format(in)).isInstanceOf(PassbackScore.InvalidScoreException.class);
    }
}
