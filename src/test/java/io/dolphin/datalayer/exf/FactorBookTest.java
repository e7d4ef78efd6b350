package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactorBookTest {

    private static final String FUNDING = "{\"lastFundingRate\": \"%s\"}";
    private static final String TAKER = "[{\"buySellRatio\": \"%s\"}]";

    private final FactorBook book = book(500, 500);
    private final FactorBook.State state = new FactorBook.State();

    @Test
    void when_goodResponses_then_publishedOnNextTickWithAges() {
        // Given
        book.apply(state, ok("fund", FUNDING.formatted("-0.00005085"), 1_000));
        book.apply(state, ok("tak", TAKER.formatted("0.5317"), 1_200));
        // When
        ExternalFactors f = published(book.apply(state, new PollEvent.Tick(1_500)));
        // Then
        assertEquals(Map.of("funding_btc", -5.085e-05, "taker", 0.5317, "taker_lagged", 0.5317), f.factors());
        assertEquals(List.of("funding_btc", "taker", "taker_lagged"), List.copyOf(f.factors().keySet()));
        assertEquals(0.5, f.ageSeconds().get("funding_btc"));
        assertEquals(0.3, f.ageSeconds().get("taker"));
        assertEquals(1.5, f.ts());
        assertEquals(List.of("taker_lagged"), f.stale(), "the lag history is younger than the lag");
    }

    @Test
    void when_firstPublication_then_waitsForEveryFactorUntilTheWaitIsOver() {
        book.apply(state, ok("fund", FUNDING.formatted("0.0001"), 1_000));
        assertTrue(book.apply(state, new PollEvent.Tick(1_500)).isEmpty());
        assertTrue(book.apply(state, new PollEvent.Tick(5_500)).isEmpty());
        book.apply(state, ok("fund", FUNDING.formatted("0.0001"), 5_800));
        ExternalFactors f = published(book.apply(state, new PollEvent.Tick(6_000)));
        assertEquals(Map.of("funding_btc", 1e-4), f.factors());
        assertEquals(List.of("taker", "taker_lagged"), f.stale());
    }

    @Test
    void when_nothingChanges_then_rewrittenEveryRefreshInterval_andAChangeAtTheNextTick() {
        FactorBook slow = book(500, 2_000);
        slow.apply(state, ok("fund", FUNDING.formatted("0.0001"), 1_000));
        slow.apply(state, ok("tak", TAKER.formatted("1.0"), 1_000));
        assertEquals(1, slow.apply(state, new PollEvent.Tick(1_500)).size());
        assertTrue(slow.apply(state, new PollEvent.Tick(2_000)).isEmpty());
        assertTrue(slow.apply(state, new PollEvent.Tick(2_500)).isEmpty());
        slow.apply(state, ok("fund", FUNDING.formatted("0.0002"), 2_700));
        slow.apply(state, ok("tak", TAKER.formatted("1.0"), 2_700));
        assertEquals(2e-4, published(slow.apply(state, new PollEvent.Tick(3_000))).fundingBtc());
        assertTrue(slow.apply(state, new PollEvent.Tick(3_500)).isEmpty());
        assertTrue(slow.apply(state, new PollEvent.Tick(4_500)).isEmpty());
        assertEquals(1, slow.apply(state, new PollEvent.Tick(4_999)).size(), "refresh due (half a tick of slack)");
    }

    @Test
    void when_endpointFails_then_lastGoodValueKeptWithItsAgeAndStaleAfterTheLimit() {
        book.apply(state, ok("fund", FUNDING.formatted("-0.00005085"), 1_000));
        book.apply(state, ok("tak", TAKER.formatted("0.5317"), 1_000));
        book.apply(state, status("fund", 503, "<html>503</html>", 2_000, -1));
        ExternalFactors f = published(book.apply(state, new PollEvent.Tick(3_500)));
        assertEquals(-5.085e-05, f.fundingBtc());
        assertEquals(2.5, f.ageSeconds().get("funding_btc"));
        assertFalse(f.isStale("funding_btc"));
        f = published(book.apply(state, new PollEvent.Tick(4_500)));
        assertEquals(3.5, f.ageSeconds().get("funding_btc"));
        assertTrue(f.isStale("funding_btc"), "stale after 3 s");
        assertEquals(1, state.failures());
        assertEquals(1, state.failures("fund"));
        assertEquals(-5.085e-05, state.lastGood("funding_btc"));
    }

    @Test
    void when_eachKindOfFailure_then_deadLetterSaysWhat() {
        assertLetter(status("fund", 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", 1, -1), "http-4xx",
                "HTTP 400");
        assertLetter(status("fund", 502, "bad gateway", 2, -1), "http-5xx", "HTTP 502");
        assertLetter(status("fund", 429, "{}", 3, 2_000), "http-429", "Retry-After 2.0 s honoured");
        assertLetter(new PollEvent.Response("fund", "http://x/f", 0, 4, 0, null, "no response within 300 ms", true, -1),
                "timeout", "no response within 300 ms");
        assertLetter(new PollEvent.Response("fund", "http://x/f", 0, 5, 0, null, "ConnectException", false, -1),
                "io-error", "ConnectException");
        assertLetter(ok("fund", "{\"lastFundingRate\": \"0.0", 6), "malformed-json", "not valid JSON");
        assertLetter(ok("fund", "", 7), "malformed-json", "response is empty");
        assertLetter(ok("fund", "{\"markPrice\": \"1\"}", 8), "field-missing", "'$.lastFundingRate' is missing");
        assertLetter(ok("fund", FUNDING.formatted(""), 9), "not-numeric", "is not a number: \"\"");
    }

    @Test
    void when_failuresRepeat_then_oneDeadLetterPerIntervalAndKindButEveryOneCounted() {
        int letters = 0;
        for (long t = 1_000; t <= 59_000; t += 1_000) {
            letters += book.apply(state, status("fund", 503, "down", t, -1)).size();
        }
        assertEquals(1, letters);
        assertEquals(59, state.failures("fund"));
        // a different kind of trouble is reported at once
        assertEquals(1, book.apply(state, ok("fund", "{", 59_500)).size());
        // the interval is over: the next letter says how many were only counted
        DeadLetter next = book.apply(state, status("fund", 503, "down", 61_000, -1)).get(0).deadLetter();
        assertTrue(next.reason().contains("58 more like it"), next.reason());
        assertEquals(3, state.deadLettered());
    }

    @Test
    void when_sameFailureLater_then_deadLetterKeyIsStable() {
        DeadLetter a = book.apply(state, status("fund", 503, "down", 1_000, -1)).get(0).deadLetter();
        DeadLetter b = book.apply(state, status("fund", 503, "down", 100_000, -1)).get(0).deadLetter();
        assertEquals(a.key(), b.key());
        assertEquals("dolphin-exf-poller|fund <http://x/f> http-5xx", a.key());
    }

    @Test
    void when_stateSerializedAndRestored_then_lagHistoryAndLastGoodValuesContinue() throws Exception {
        // Given a taker history of 2.1506 then 0.5317, then the funding endpoint dies
        book.apply(state, ok("fund", FUNDING.formatted("0.0001"), 0));
        for (long t = 0; t <= 12_000; t += 1_000) {
            book.apply(state, ok("tak", TAKER.formatted(t < 10_000 ? "2.1506" : "0.5317"), t));
        }
        // When the state goes through a snapshot (Java serialization, as Jet's default for it)
        FactorBook.State restored = roundTrip(state);
        // Then the lagged value is the one from before, not warming, and funding keeps its value and age
        ExternalFactors f = published(book.apply(restored, new PollEvent.Tick(15_000)));
        assertEquals(0.5317, f.taker());
        assertEquals(2.1506, f.get("taker_lagged"));
        assertEquals(10.0, f.ageSeconds().get("taker_lagged"));
        assertFalse(f.isStale("taker_lagged"));
        assertEquals(1e-4, f.fundingBtc());
        assertEquals(15.0, f.ageSeconds().get("funding_btc"));
    }

    @Test
    void when_laggedFieldLagsAnUnknownFactor_then_configRejected() {
        FactorBook.Config bad = new FactorBook.Config("j", List.of(), List.of(new FactorBook.LaggedField("x_lagged",
                "x", 1000)), Map.of(), 500, 500, 0, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FactorBook(bad));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    private void assertLetter(PollEvent.Response r, String kind, String reasonPart) {
        FactorBook.State fresh = new FactorBook.State();
        List<Outcome<ExternalFactors>> out = book.apply(fresh, r);
        assertEquals(1, out.size(), kind);
        assertEquals(1, fresh.failures());
        DeadLetter d = out.get(0).deadLetter();
        assertEquals("dolphin-exf-poller", d.job());
        assertTrue(d.source().endsWith(" " + kind), d.source());
        assertTrue(d.source().startsWith("fund <http://x/f>"), d.source());
        assertTrue(d.reason().contains(reasonPart), d.reason());
        assertTrue(d.reason().contains("last good value kept"), d.reason());
    }

    private static ExternalFactors published(List<Outcome<ExternalFactors>> out) {
        assertEquals(1, out.size(), "one publication");
        return out.get(0).value();
    }

    private static FactorBook book(long publishMs, long refreshMs) {
        FieldExtractor funding = FieldExtractor.parse("funding_btc", "$.lastFundingRate");
        FieldExtractor taker = FieldExtractor.parse("taker", "$[-1].buySellRatio");
        return new FactorBook(new FactorBook.Config("dolphin-exf-poller",
                List.of(new FactorBook.PolledField("funding_btc", "fund", funding, 3_000),
                        new FactorBook.PolledField("taker", "tak", taker, 3_000)),
                List.of(new FactorBook.LaggedField("taker_lagged", "taker", 10_000)),
                Map.of("fund", "http://x/f", "tak", "http://x/t"), publishMs, refreshMs, 5_000, 60_000));
    }

    private static PollEvent.Response ok(String endpoint, String body, long at) {
        return new PollEvent.Response(endpoint, "http://x/" + endpoint, at - 10, at, 200, body, null, false, -1);
    }

    private static PollEvent.Response status(String endpoint, int status, String body, long at, long retryAfterMs) {
        return new PollEvent.Response(endpoint, "http://x/" + endpoint, at - 10, at, status, body, null, false,
                retryAfterMs);
    }

    private static FactorBook.State roundTrip(FactorBook.State s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FactorBook.State) in.readObject();
        }
    }
}
