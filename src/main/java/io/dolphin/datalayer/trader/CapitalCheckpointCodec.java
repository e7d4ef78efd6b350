package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;


/** The model every codec follows: known fields by name, the rest carried in {@code extra}. */
final class CapitalCheckpointCodec implements JsonCodec<CapitalCheckpoint> {

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
