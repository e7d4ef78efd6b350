package io.dolphin.datalayer.codec;

import io.dolphin.datalayer.model.CapitalCheckpoint;

/** The model every codec follows: known fields by name, the rest carried in {@code extra}. */
public final class CapitalCheckpointCodec implements JsonCodec<CapitalCheckpoint> {

    private static final long serialVersionUID = 1L;

    @Override
    public CapitalCheckpoint decode(String json) {
        JsonFields f = JsonFields.parse("capital_checkpoint", json);
        return new CapitalCheckpoint(f.requireDouble("capital"), f.requireDouble("ts"), f.rest());
    }

    @Override
    public String encode(CapitalCheckpoint value) {
        return new JsonObjectWriter()
                .put("capital", value.capital())
                .put("ts", value.ts())
                .putAbsent(value.extra())
                .toJson();
    }
}
