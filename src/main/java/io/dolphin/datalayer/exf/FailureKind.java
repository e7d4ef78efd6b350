package io.dolphin.datalayer.exf;

/**
 * Why one poll of one endpoint gave no usable value. The label is what operators see in dead-letter sources
 * and reasons; each kind is rate-limited separately, so a new kind of trouble is reported at once even while an
 * older one is being suppressed.
 */
enum FailureKind {
    /** No response (headers and body) within the endpoint's timeout. */
    TIMEOUT("timeout"),
    /** Connection refused, reset, DNS failure, TLS failure: no HTTP status at all. */
    IO_ERROR("io-error"),
    /** HTTP 429 Too Many Requests; the poller waits out Retry-After before asking again. */
    RATE_LIMITED("http-429"),
    /** Any other 4xx: usually a wrong URL or parameter, which retrying will not fix. */
    HTTP_4XX("http-4xx"),
    HTTP_5XX("http-5xx"),
    /** 1xx or an unfollowed 3xx. */
    HTTP_OTHER("http-status"),
    /** 2xx, but the body is not JSON. */
    MALFORMED_JSON("malformed-json"),
    /** 2xx JSON, but the configured path names nothing (or JSON null). */
    FIELD_MISSING("field-missing"),
    /** 2xx JSON, the path names something that is not a finite number or numeric text. */
    NOT_NUMERIC("not-numeric");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of an HTTP status that is not 2xx. */
    public static FailureKind ofStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        if (status >= 500 && status < 600) {
            return HTTP_5XX;
        }
        return HTTP_OTHER;
    }
}
