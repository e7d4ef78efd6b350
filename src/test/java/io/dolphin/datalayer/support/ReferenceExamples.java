package io.dolphin.datalayer.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference document's JSON examples, kept as test resources under {@code reference/}. */
public final class ReferenceExamples {

    public static final String LATEST_EIGEN_SCAN = "latest_eigen_scan";
    public static final String EXF_LATEST = "exf_latest";
    public static final String ACB_BOOST = "acb_boost";
    public static final String ASSET_OB = "asset_ob";
    public static final String CAPITAL_CHECKPOINT = "capital_checkpoint";
    public static final String ENGINE_SNAPSHOT = "engine_snapshot";
    public static final String PNL_ENTRY = "pnl_entry";
    public static final String META_HEALTH = "meta_health";
    public static final String TRADE_EVENT = "trade_event";

    private ReferenceExamples() {
    }

    public static String json(String name) {
        try (InputStream in = ReferenceExamples.class.getResourceAsStream("/reference/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no reference example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
