package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScanTable.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ArrowScanDecoderTest {

    private static final Instant TS = Instant.parse("2026-04-15T16:12:38.400Z");

    private final ArrowScanDecoder decoder = new ArrowScanDecoder("BTCUSDT");

    @AfterEach
    void close() {
        // Fails the test if any decode leaked Arrow memory.
        decoder.close();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void when_syntheticScan_then_everyReferenceFieldFilled(Format format) throws Exception {
        ScanTable table = ScanTable.synthetic(134276, TS, 50, 7);

        EigenScan scan = decoder.decode(table.toBytes(format), "2026-04-15/scan_00134276_161238.arrow", 1776269558.5);

        assertEquals(134276, scan.scanNumber());
        assertEquals(1776269558.4, scan.timestamp(), 1e-9);
        assertEquals(1776269558.5, scan.fileMtime());
        assertEquals("BTCUSDT", scan.targetAsset());
        assertEquals("NG7", scan.version());
        ScanResult r = scan.result();
        assertEquals("scan", r.type());
        assertEquals("2026-04-15 16:12:38", r.timestamp());
        assertEquals("BTCUSDT", r.asset());
        assertEquals(50, r.totalSymbols());
        assertEquals(50, r.assets().size());
        assertEquals("BTCUSDT", r.assets().get(0).get("asset"));
        assertEquals(5, r.eigenvalues().size());
        assertEquals(r.w50Velocity() - r.w750Velocity(), r.velDiv(), 1e-6);
        assertEquals(100.0, r.bullPct() + r.bearPct(), 1e-9);
        assertTrue(Set.of("BULL", "BEAR").contains(r.regime()), r.regime());
        assertEquals(134276, scan.metadata().scanNumber());
        assertEquals('7', scan.metadata().uuid().charAt(14), "UUID version 7: " + scan.metadata().uuid());
        assertEquals("2026-04-15/scan_00134276_161238.arrow", scan.metadata().extra().get("source_file"));
    }

    @Test
    void when_encoded_then_hasEveryFieldOfTheReferenceExample() throws Exception {
        ScanTable table = ScanTable.synthetic(134276, TS, 50, 7)
                .with("correlation_symbol", ScanTable.UTF8, Collections.nCopies(50, "ETHUSDT"));

        Map<String, Object> ours = Json.parseObject(new EigenScanCodec().encode(
                decoder.decode(table.toBytes(Format.FILE), "f.arrow", 1.0)));

        Map<String, Object> reference = Json.parseObject(json(LATEST_EIGEN_SCAN));
        assertTrue(ours.keySet().containsAll(reference.keySet()), ours.keySet() + " vs " + reference.keySet());
        assertTrue(sub(ours, "result").keySet().containsAll(sub(reference, "result").keySet()),
                sub(ours, "result").keySet().toString());
        assertTrue(sub(ours, "_ng7_metadata").keySet().containsAll(sub(reference, "_ng7_metadata").keySet()));
        assertEquals("ETHUSDT", sub(ours, "result").get("correlation_symbol"));
    }

    @Test
    void when_streamHasSeveralBatches_then_allRowsRead() throws Exception {
        ScanTable table = ScanTable.synthetic(5, TS, 50, 7);

        EigenScan scan = decoder.decode(table.toBytes(Format.STREAM, 7), "f.arrow", null);

        assertEquals(50, scan.result().totalSymbols());
        assertEquals("A49USDT", scan.result().assets().get(49).get("asset"));
    }

    @Test
    void when_timestampIsFloat64EpochSeconds_then_accepted() throws Exception {
        ScanTable table = ScanTable.synthetic(5, TS, 3, 7)
                .with("timestamp", ScanTable.FLOAT64, Collections.nCopies(3, 1776269558.4));

        assertEquals(1776269558.4, decoder.decode(table.toBytes(Format.FILE), "f", null).timestamp());
    }

    @Test
    void when_scanLevelValuesInSchemaMetadata_then_used() throws Exception {
        ScanTable table = ScanTable.synthetic(5, TS, 3, 7)
                .without("scan_number").without("regime").without("timestamp")
                .withMetadata("scan_number", "42").withMetadata("regime", "BULL")
                .withMetadata("timestamp", "1776269558.4");

        EigenScan scan = decoder.decode(table.toBytes(Format.STREAM), "f", null);

        assertEquals(42, scan.scanNumber());
        assertEquals("BULL", scan.result().regime());
        assertEquals(1776269558.4, scan.timestamp());
    }

    @Test
    void when_unknownColumns_then_constantOnesUnderResultVaryingOnesPerAsset() throws Exception {
        ScanTable table = ScanTable.synthetic(5, TS, 3, 7)
                .with("window", ScanTable.INT64, List.of(50L, 50L, 50L))
                .with("volume", ScanTable.FLOAT32, Arrays.asList(0.1f, Float.NaN, 2.5f));

        ScanResult r = decoder.decode(table.toBytes(Format.FILE), "f", null).result();

        assertEquals(50L, r.extra().get("window"));
        assertEquals(0.1, r.assets().get(0).get("volume"));
        assertNull(r.assets().get(1).get("volume"), "NaN in an unknown column becomes null");
        assertTrue(r.assets().get(1).containsKey("volume"));
        assertEquals(2.5, r.assets().get(2).get("volume"));
    }

    @Test
    void when_noUuidColumn_then_uuidAbsent() throws Exception {
        ScanTable table = ScanTable.synthetic(5, TS, 3, 7).without("uuid").without("eigenvalues");

        EigenScan scan = decoder.decode(table.toBytes(Format.FILE), "f", null);

        assertNull(scan.metadata().uuid());
        assertNull(scan.result().eigenvalues());
    }

    // ---- completeness: a half file is never a scan --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void when_anyPrefixOfAValidFile_then_incompleteNeverDecoded(Format format) {
        byte[] whole = ScanTable.synthetic(5, TS, 20, 7).toBytes(format, 4);
        for (int n = 0; n < whole.length; n++) {
            byte[] prefix = Arrays.copyOf(whole, n);
            try {
                decoder.decode(prefix, "f", null);
                fail(format + ": a prefix of " + n + " of " + whole.length + " bytes was accepted");
            } catch (ScanFileException e) {
                assertEquals(ScanFileException.Kind.INCOMPLETE, e.kind(), n + " bytes: " + e.reason());
            }
        }
    }

    @Test
    void when_truncatedFile_then_incompleteWithReason() {
        byte[] whole = ScanTable.synthetic(5, TS, 20, 7).toBytes(Format.FILE);

        ScanFileException e = assertThrows(ScanFileException.class,
                () -> decoder.decode(Arrays.copyOf(whole, whole.length * 2 / 3), "f", null));

        assertEquals(ScanFileException.Kind.INCOMPLETE, e.kind());
        assertTrue(e.reason().startsWith("truncated Arrow IPC file"), e.reason());
    }

    @Test
    void when_streamCutAtBatchBoundary_then_incomplete() {
        ScanTable table = ScanTable.synthetic(5, TS, 20, 7);
        byte[] whole = table.toBytes(Format.STREAM, 10);
        byte[] oneBatchOfTwo = table.firstRows(10).toBytes(Format.STREAM, 10);
        // A stream of one batch is the two-batch stream cut after its first batch, plus the end marker.
        byte[] cut = Arrays.copyOf(oneBatchOfTwo, oneBatchOfTwo.length - 8);
        assertTrue(Arrays.equals(cut, Arrays.copyOf(whole, cut.length)), "test premise: same leading bytes");

        ScanFileException e = assertThrows(ScanFileException.class, () -> decoder.decode(cut, "f", null));

        assertEquals(ScanFileException.Kind.INCOMPLETE, e.kind());
        assertTrue(e.reason().startsWith("truncated Arrow IPC stream"), e.reason());
    }

    @Test
    void when_emptyFile_then_incompleteEmpty() {
        ScanFileException e = assertThrows(ScanFileException.class, () -> decoder.decode(new byte[0], "f", null));
        assertEquals(ScanFileException.Kind.INCOMPLETE, e.kind());
        assertEquals("empty file (0 bytes)", e.reason());
    }

    @Test
    void when_notArrow_then_incompleteNotArrow() {
        byte[] text = "{\"scan_number\": 1, \"note\": \"this is JSON, not Arrow\"}".getBytes(StandardCharsets.UTF_8);

        ScanFileException e = assertThrows(ScanFileException.class, () -> decoder.decode(text, "f", null));

        assertTrue(e.reason().startsWith("not an Arrow IPC file or stream"), e.reason());
        assertTrue(e.reason().contains("7b 22 73 63"), e.reason());
    }

    // ---- content errors of complete files -----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void when_requiredColumnMissing_then_invalidNamingIt(Format format) {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7).without("vel_div").toBytes(format);
        assertInvalid(bytes, "required column 'vel_div' is missing");
    }

    @Test
    void when_columnHasWrongType_then_invalidNamingTypes() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7)
                .with("scan_number", ScanTable.UTF8, List.of("5", "5", "5")).toBytes(Format.FILE);
        assertInvalid(bytes, "column 'scan_number' has type Utf8, expected an integer");
    }

    @Test
    void when_timestampIsInteger_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7)
                .with("timestamp", ScanTable.INT64, Collections.nCopies(3, 1776269558400L)).toBytes(Format.FILE);
        assertInvalid(bytes, "column 'timestamp' has type Int(64, true), expected a timestamp or float64");
    }

    @Test
    void when_nanInScanColumn_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7)
                .with("vel_div", ScanTable.FLOAT64, Collections.nCopies(3, Double.NaN)).toBytes(Format.FILE);
        assertInvalid(bytes, "column 'vel_div' holds NaN at row 0");
    }

    @Test
    void when_infinityInPrice_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7).withValue("price", 2, Double.POSITIVE_INFINITY)
                .toBytes(Format.STREAM);
        assertInvalid(bytes, "column 'price' holds Infinity at row 2");
    }

    @Test
    void when_nanInEigenvalues_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 2, 7)
                .with("eigenvalues", ScanTable.LIST_FLOAT64, Collections.nCopies(2, List.of(1.0, Double.NaN)))
                .toBytes(Format.FILE);
        assertInvalid(bytes, "column 'eigenvalues' holds NaN at row 0");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void when_zeroRows_then_invalidNoRows(Format format) {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7).firstRows(0).toBytes(format);
        assertInvalid(bytes, "no rows");
    }

    @Test
    void when_scanNumberDiffersBetweenRows_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7).withValue("scan_number", 2, 6L).toBytes(Format.FILE);
        assertInvalid(bytes, "column 'scan_number' differs between rows: 5 at row 0, 6 at row 2");
    }

    @Test
    void when_requiredValueNull_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7).withValue("regime", 1, null).toBytes(Format.FILE);
        assertInvalid(bytes, "column 'regime' is null at row 1");
    }

    @Test
    void when_timestampInMilliseconds_then_invalid() {
        byte[] bytes = ScanTable.synthetic(5, TS, 3, 7)
                .with("timestamp", ScanTable.FLOAT64, Collections.nCopies(3, 1776269558400.0)).toBytes(Format.FILE);
        assertInvalid(bytes, "is not epoch seconds");
    }

    @Test
    void when_footerPresentButBatchCorrupt_then_notAccepted() {
        byte[] bytes = ScanTable.synthetic(5, TS, 20, 7).toBytes(Format.FILE);
        byte[] corrupt = bytes.clone();
        // Overwrite the middle (record batch bodies) with garbage; header and trailer stay intact.
        Arrays.fill(corrupt, corrupt.length / 3, corrupt.length / 2, (byte) 0x7F);
        assertThrows(ScanFileException.class, () -> decoder.decode(corrupt, "f", null));
    }

    private void assertInvalid(byte[] bytes, String reasonPart) {
        ScanFileException e = assertThrows(ScanFileException.class, () -> decoder.decode(bytes, "f", null));
        assertEquals(ScanFileException.Kind.INVALID, e.kind(), e.reason());
        assertTrue(e.reason().contains(reasonPart), "reason was: " + e.reason());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }
}
