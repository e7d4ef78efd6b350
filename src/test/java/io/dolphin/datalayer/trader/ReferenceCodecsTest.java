package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.acb.AcbBoostCodec;
import io.dolphin.datalayer.scanbridge.EigenScanCodec;
import io.dolphin.datalayer.exf.ExternalFactorsCodec;
import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.obf.OrderBookFeaturesCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.ASSET_OB;
import static io.dolphin.datalayer.support.ReferenceExamples.CAPITAL_CHECKPOINT;
import static io.dolphin.datalayer.support.ReferenceExamples.EXF_LATEST;
import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.ENGINE_SNAPSHOT;
import static io.dolphin.datalayer.support.ReferenceExamples.META_HEALTH;
import static io.dolphin.datalayer.support.ReferenceExamples.PNL_ENTRY;
import static io.dolphin.datalayer.support.ReferenceExamples.TRADE_EVENT;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every reference example through its codec: decoded, encoded, and compared field by field with the original. */
class ReferenceCodecsTest {

    static Stream<Arguments> codecs() {
        return Stream.of(
                Arguments.of(CAPITAL_CHECKPOINT, new CapitalCheckpointCodec()),
                Arguments.of(ENGINE_SNAPSHOT, new EngineSnapshotCodec()),
                Arguments.of(PNL_ENTRY, new PnlEntryCodec()),
                Arguments.of(META_HEALTH, new MetaHealthCodec()),
                Arguments.of(TRADE_EVENT, new TradeEventCodec()),
                Arguments.of(LATEST_EIGEN_SCAN, new EigenScanCodec()),
                Arguments.of(EXF_LATEST, new ExternalFactorsCodec()),
                Arguments.of(ACB_BOOST, new AcbBoostCodec()),
                Arguments.of(ASSET_OB, new OrderBookFeaturesCodec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    <T> void when_referenceExample_then_roundTripsFieldByField(String example, JsonCodec<T> codec) {
        String reference = json(example);
        assertSameJson(reference, codec.encode(codec.decode(reference)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    <T> void when_unknownFieldsAdded_then_preserved(String example, JsonCodec<T> codec) {
        String reference = json(example).strip();
        String withExtra = reference.substring(0, reference.length() - 1)
                + ", \"added_by_newer_service\": {\"x\": [1, \"two\", null]}, \"flag\": false}";
        assertSameJson(withExtra, codec.encode(codec.decode(withExtra)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    <T> void when_notAnObject_then_malformed(String example, JsonCodec<T> codec) {
        assertThrows(MalformedJsonException.class, () -> codec.decode("[1, 2]"));
        assertThrows(MalformedJsonException.class, () -> codec.decode("{\"truncated\": "));
        if (!(codec instanceof ExternalFactorsCodec)) {
            // every factor of exf_latest is optional: a poller that lost all endpoints still publishes ages
            assertThrows(MalformedJsonException.class, () -> codec.decode("{}"));
        }
    }
}
