package io.lakehouse.seed.files;

/**
 * Why a record went to quarantine. The code starts every {@code reason} text in {@code bronze.quarantine}
 * ("bad_date: column signup_date: '2021-02-30' is not a date (yyyy-MM-dd)"), so counts per kind are one
 * {@code split_part(reason, ':', 1)} away.
 */
public enum RejectReason {
    /** A CSV record with more or fewer fields than the header. */
    WRONG_COLUMN_COUNT("wrong_column_count"),
    /** A date or timestamp that does not parse, or names a day that does not exist. */
    BAD_DATE("bad_date"),
    /** A number (integer, decimal) that does not parse or does not fit the declared precision. */
    BAD_NUMBER("bad_number"),
    /** A boolean other than true/false/yes/no/1/0. */
    BAD_BOOLEAN("bad_boolean"),
    /** A required column that is absent or empty. */
    MISSING_REQUIRED("missing_required"),
    /** An XML element whose shape is not the declared one (child elements where text is expected). */
    MALFORMED_ELEMENT("malformed_element"),
    /** Input the parser cannot read past (XML not well-formed, broken CSV quoting, invalid JSON). */
    UNPARSEABLE("unparseable");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String describe(String detail) {
        return code + ": " + detail;
    }
}
