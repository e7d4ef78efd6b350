package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookSnapshotCodecTest {

    private static final String GOOD = "{\"symbol\":\"BTCUSDT\",\"ts\":1776269558412,"
            + "\"bids\":[[84500.0,0.5],[84499.5,1.25]],\"asks\":[[84501.0,0.25],[84502,2]]}";

    @Test
    void when_designExample_then_decodedBestFirst() {
        OrderBookSnapshot s = OrderBookSnapshotCodec.decode(GOOD);

        assertEquals("BTCUSDT", s.symbol());
        assertEquals(1776269558412L, s.ts());
        assertArrayEquals(new double[]{84500.0, 84499.5}, s.bidPrices());
        assertArrayEquals(new double[]{0.5, 1.25}, s.bidQtys());
        assertArrayEquals(new double[]{84501.0, 84502.0}, s.askPrices());
        assertArrayEquals(new double[]{0.25, 2.0}, s.askQtys());
    }

    @Test
    void when_encoded_then_decodesToSameBook() {
        OrderBookSnapshot s = OrderBookSnapshotCodec.decode(GOOD);
        assertEquals(s, OrderBookSnapshotCodec.decode(OrderBookSnapshotCodec.encode(s)));
    }

    @Test
    void when_numbersQuotedAndUnknownFieldsPresent_then_accepted() {
        String json = "{\"e\":\"depth\",\"symbol\":\"ETHUSDT\",\"ts\":1776269558412.0,\"meta\":{\"a\":[1,{\"b\":2}]},"
                + "\"bids\":[[\"3000.10\",\"1.5\"]],\"asks\":[[\"3000.20\",\"2\"]],\"u\":[1,2,3]}";

        OrderBookSnapshot s = OrderBookSnapshotCodec.decode(json);

        assertEquals(1776269558412L, s.ts());
        assertArrayEquals(new double[]{3000.10}, s.bidPrices());
        assertArrayEquals(new double[]{2.0}, s.askQtys());
    }

    @Test
    void when_manyLevels_then_allKept() {
        StringBuilder bids = new StringBuilder();
        StringBuilder asks = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            bids.append(i == 0 ? "" : ",").append("[").append(1000 - i).append(",1]");
            asks.append(i == 0 ? "" : ",").append("[").append(1001 + i).append(",1]");
        }
        String json = "{\"symbol\":\"BTCUSDT\",\"ts\":1,\"bids\":[" + bids + "],\"asks\":[" + asks + "]}";

        OrderBookSnapshot s = OrderBookSnapshotCodec.decode(json);

        assertEquals(100, s.bidLevels());
        assertEquals(100, s.askLevels());
        assertEquals(901.0, s.bidPrices()[99]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON | {symbol: BTCUSDT | order book: not valid JSON",
        "not an object | [1,2,3] | expected a JSON object",
        "text after object | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1]],'asks':[[2,1]]} x` | not valid JSON",
        "symbol missing | `{'ts':1,'bids':[[1,1]],'asks':[[2,1]]}` | field 'symbol' is missing",
        "unknown symbol format | `{'symbol':'btc-usdt','ts':1,'bids':[[1,1]],'asks':[[2,1]]}` | unknown symbol format 'btc-usdt'",
        "symbol not a string | `{'symbol':42,'ts':1,'bids':[[1,1]],'asks':[[2,1]]}` | field 'symbol' must be a string",
        "ts missing | `{'symbol':'BTCUSDT','bids':[[1,1]],'asks':[[2,1]]}` | field 'ts' is missing",
        "ts fractional | `{'symbol':'BTCUSDT','ts':1.5,'bids':[[1,1]],'asks':[[2,1]]}` | must be epoch milliseconds",
        "ts text | `{'symbol':'BTCUSDT','ts':'now','bids':[[1,1]],'asks':[[2,1]]}` | must be epoch milliseconds",
        "ts negative | `{'symbol':'BTCUSDT','ts':-5,'bids':[[1,1]],'asks':[[2,1]]}` | must be positive epoch milliseconds",
        "bids missing | `{'symbol':'BTCUSDT','ts':1,'asks':[[2,1]]}` | field 'bids' is missing",
        "empty bids | `{'symbol':'BTCUSDT','ts':1,'bids':[],'asks':[[2,1]]}` | empty side: no bids",
        "empty asks | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1]],'asks':[]}` | empty side: no asks",
        "side not array | `{'symbol':'BTCUSDT','ts':1,'bids':{},'asks':[[2,1]]}` | field 'bids' must be an array",
        "level not pair | `{'symbol':'BTCUSDT','ts':1,'bids':[1],'asks':[[2,1]]}` | bids[0] must be [price, qty]",
        "level too long | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1,1]],'asks':[[2,1]]}` | bids[0] has more than [price, qty]",
        "level too short | `{'symbol':'BTCUSDT','ts':1,'bids':[[1]],'asks':[[2,1]]}` | bids[0] quantity must be a number",
        "price text | `{'symbol':'BTCUSDT','ts':1,'bids':[['x',1]],'asks':[[2,1]]}` | bids[0] price must be a number",
        "price null | `{'symbol':'BTCUSDT','ts':1,'bids':[[null,1]],'asks':[[2,1]]}` | bids[0] price must be a number, got null",
        "price zero | `{'symbol':'BTCUSDT','ts':1,'bids':[[0,1]],'asks':[[2,1]]}` | bids[0] price must be positive",
        "negative quantity | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1]],'asks':[[2,-3]]}` | asks[0] negative quantity -3.0",
        "zero quantity | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,0]],'asks':[[2,1]]}` | bids[0] quantity must be positive",
        "bids unsorted | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1],[1.5,1]],'asks':[[2,1]]}` | bids not sorted best first",
        "asks unsorted | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1]],'asks':[[3,1],[2,1]]}` | asks not sorted best first",
        "duplicate level price | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1],[1,1]],'asks':[[2,1]]}` | bids not sorted best first",
        "crossed book | `{'symbol':'BTCUSDT','ts':1,'bids':[[3,1]],'asks':[[2,1]]}` | crossed book: best bid 3.0 >= best ask 2.0",
        "locked book | `{'symbol':'BTCUSDT','ts':1,'bids':[[2,1]],'asks':[[2,1]]}` | crossed book: best bid 2.0 >= best ask 2.0",
        "duplicate field | `{'symbol':'BTCUSDT','ts':1,'ts':2,'bids':[[1,1]],'asks':[[2,1]]}` | field 'ts' appears twice",
        "truncated | `{'symbol':'BTCUSDT','ts':1,'bids':[[1,1]],'asks':[[2,1]` | not valid JSON",
    })
    void when_unusableBook_then_reasonSaysWhy(String caseName, String singleQuoted, String reason) {
        // The cases write JSON with ' for " to stay readable; no case needs a literal '.
        String json = singleQuoted.replace('\'', '"');
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> OrderBookSnapshotCodec.decode(json));
        assertTrue(e.getMessage().contains(reason), caseName + ": " + e.getMessage());
    }

    @Test
    void when_bookRejectedAfterHeader_then_reasonNamesSymbolAndTs() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> OrderBookSnapshotCodec.decode(
                "{\"symbol\":\"BTCUSDT\",\"ts\":7,\"bids\":[[3,1]],\"asks\":[[2,1]]}"));
        assertTrue(e.getMessage().startsWith("order book BTCUSDT@7: crossed book"), e.getMessage());
    }
}
