package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;


/** {@code DOLPHIN_META_HEALTH["latest"]}. */
final class MetaHealthCodec implements JsonCodec<MetaHealth> {

    private static final long serialVersionUID = 1L;

    @Override
    public MetaHealth decode(String json) {
        JsonFields f = JsonFields.parse("meta health", json);
        return new MetaHealth(f.requireDouble("rm_meta"), f.requireString("status"), f.optDouble("m1_data_infra"),
                f.optDouble("m1_trader"), f.optDouble("m2_heartbeat"), f.optDouble("m3_data_freshness"),
                f.optDouble("m4_control_plane"), f.optDouble("m5_coherence"), f.optDouble("m6_test_integrity"),
                f.rest());
    }

    @Override
    public String encode(MetaHealth m) {
        return new JsonObjectWriter()
                .put("rm_meta", m.rmMeta())
                .put("status", m.status())
                .put("m1_data_infra", m.m1DataInfra())
                .put("m1_trader", m.m1Trader())
                .put("m2_heartbeat", m.m2Heartbeat())
                .put("m3_data_freshness", m.m3DataFreshness())
                .put("m4_control_plane", m.m4ControlPlane())
                .put("m5_coherence", m.m5Coherence())
                .put("m6_test_integrity", m.m6TestIntegrity())
                .putAbsent(m.extra())
                .toJson();
    }
}
