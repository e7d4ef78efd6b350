package io.dolphin.datalayer.common;


/** {@code DOLPHIN_DEAD_LETTERS} values: {@code {"job","source","reason","payload","payload_truncated","ts_ms"}}. */
public final class DeadLetterCodec implements JsonCodec<DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    public DeadLetter decode(String json) {
        JsonFields f = JsonFields.parse("dead letter", json);
        Boolean truncated = f.optBoolean("payload_truncated");
        return new DeadLetter(f.requireString("job"), f.requireString("source"), f.requireString("reason"),
                f.optString("payload"), truncated != null && truncated, f.requireLong("ts_ms"));
    }

    @Override
    public String encode(DeadLetter d) {
        return new JsonObjectWriter()
                .put("job", d.job())
                .put("source", d.source())
                .put("reason", d.reason())
                .put("payload", d.payload())
                .put("payload_truncated", d.payloadTruncated())
                .put("ts_ms", d.tsMillis())
                .toJson();
    }
}
