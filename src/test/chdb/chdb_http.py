#!/usr/bin/env python3
"""ClickHouse's HTTP interface in front of chDB (libchdb.so), for tests.

One process, one chDB connection on a persistent --data directory, every query under one lock. Speaks enough of
ClickHouse's HTTP protocol for clickhouse-jdbc/client-v2 0.9.x and curl: POST/GET queries, Basic auth or
X-ClickHouse-User/-Key, per-request database and settings, URL query parameters ({name:Type}), the native
compressed block framing both ways (compress=1 / decompress=1), ClickHouse's error codes and HTTP statuses.
docs/clickhouse-test-engine.md says exactly what it does and does not do.

Standard library only; uses the `lz4` module when it is importable, a built-in LZ4 codec otherwise.
chDB installs process-wide signal handlers, so it must live in a process of its own (never inside a JVM).
"""

import argparse
import base64
import ctypes
import hmac
import http.server
import json
import logging
import os
import re
import signal
import struct
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import zlib

try:  # optional: real LZ4 compression (Debian package python3-lz4)
    import lz4.block as _lz4_block
except ImportError:  # pragma: no cover - depends on the machine
    _lz4_block = None

LOG = logging.getLogger("chdb-http")

# ---------------------------------------------------------------------------------------------------------------
# CityHash128, version 1.0.2: the variant ClickHouse checksums its compressed blocks with.

_M64 = 0xFFFFFFFFFFFFFFFF
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F
_K3 = 0xC949D7C7509E6557
_KMUL = 0x9DDFEA08EB382D69


def _f64(s, i):
    return int.from_bytes(s[i:i + 8], "little")


def _f32(s, i):
    return int.from_bytes(s[i:i + 4], "little")


def _rot(v, n):
    return v if n == 0 else ((v >> n) | (v << (64 - n))) & _M64


def _rot1(v, n):  # shift is never 0 here
    return ((v >> n) | (v << (64 - n))) & _M64


def _smix(v):
    return v ^ (v >> 47)


def _h16(u, v):
    a = ((u ^ v) * _KMUL) & _M64
    a ^= a >> 47
    b = ((v ^ a) * _KMUL) & _M64
    b ^= b >> 47
    return (b * _KMUL) & _M64


def _len0to16(s, o, n):
    if n > 8:
        a = _f64(s, o)
        b = _f64(s, o + n - 8)
        return _h16(a, _rot1((b + n) & _M64, n)) ^ b
    if n >= 4:
        a = _f32(s, o)
        return _h16((n + (a << 3)) & _M64, _f32(s, o + n - 4))
    if n > 0:
        a, b, c = s[o], s[o + (n >> 1)], s[o + n - 1]
        y = (a + (b << 8)) & 0xFFFFFFFF
        z = (n + (c << 2)) & 0xFFFFFFFF
        return (_smix(((y * _K2) ^ (z * _K3)) & _M64) * _K2) & _M64
    return _K2


def _weak32(s, o, a, b):
    w, x, y, z = _f64(s, o), _f64(s, o + 8), _f64(s, o + 16), _f64(s, o + 24)
    a = (a + w) & _M64
    b = _rot((b + a + z) & _M64, 21)
    c = a
    a = (a + x + y) & _M64
    b = (b + _rot(a, 44)) & _M64
    return (a + z) & _M64, (b + c) & _M64


def _murmur(s, o, n, lo, hi):
    a, b, c, d = lo, hi, 0, 0
    rest = n - 16
    if rest <= 0:
        a = (_smix((a * _K1) & _M64) * _K1) & _M64
        c = (b * _K1 + _len0to16(s, o, n)) & _M64
        d = _smix((a + (_f64(s, o) if n >= 8 else c)) & _M64)
    else:
        c = _h16((_f64(s, o + n - 8) + _K1) & _M64, a)
        d = _h16((b + n) & _M64, (c + _f64(s, o + n - 16)) & _M64)
        a = (a + d) & _M64
        while True:
            a ^= (_smix((_f64(s, o) * _K1) & _M64) * _K1) & _M64
            a = (a * _K1) & _M64
            b ^= a
            c ^= (_smix((_f64(s, o + 8) * _K1) & _M64) * _K1) & _M64
            c = (c * _K1) & _M64
            d ^= c
            o += 16
            rest -= 16
            if rest <= 0:
                break
    a = _h16(a, c)
    b = _h16(d, b)
    return a ^ b, _h16(b, a)


def _city128_seed(s, o, n, x, y):
    if n < 128:
        return _murmur(s, o, n, x, y)
    z = (n * _K1) & _M64
    v0 = (_rot(y ^ _K1, 49) * _K1 + _f64(s, o)) & _M64
    v1 = (_rot(v0, 42) * _K1 + _f64(s, o + 8)) & _M64
    w0 = (_rot((y + z) & _M64, 35) * _K1 + x) & _M64
    w1 = (_rot((x + _f64(s, o + 88)) & _M64, 53) * _K1) & _M64
    while True:
        for _ in (0, 1):
            x = (_rot((x + y + v0 + _f64(s, o + 16)) & _M64, 37) * _K1) & _M64
            y = (_rot((y + v1 + _f64(s, o + 48)) & _M64, 42) * _K1) & _M64
            x ^= w1
            y ^= v0
            z = _rot(z ^ w0, 33)
            v0, v1 = _weak32(s, o, (v1 * _K1) & _M64, (x + w0) & _M64)
            w0, w1 = _weak32(s, o + 32, (z + w1) & _M64, y)
            z, x = x, z
            o += 64
        n -= 128
        if n < 128:
            break
    y = (y + _rot(w0, 37) * _K0 + z) & _M64
    x = (x + _rot((v0 + z) & _M64, 49) * _K0) & _M64
    done = 0
    while done < n:
        done += 32
        y = (_rot((y - x) & _M64, 42) * _K0 + v1) & _M64
        w0 = (w0 + _f64(s, o + n - done + 16)) & _M64
        x = (_rot(x, 49) * _K0 + w0) & _M64
        w0 = (w0 + v0) & _M64
        v0, v1 = _weak32(s, o + n - done, v0, v1)
    x = _h16(x, v0)
    y = _h16(y, w0)
    return (_h16((x + v1) & _M64, w1) + y) & _M64, _h16((x + w1) & _M64, (y + v1) & _M64)


def cityhash128(data):
    """(low, high) 64-bit halves of CityHash128 v1.0.2 of bytes `data`."""
    s = bytes(data)
    n = len(s)
    if n >= 16:
        return _city128_seed(s, 16, n - 16, _f64(s, 0) ^ _K3, _f64(s, 8))
    if n >= 8:
        return _city128_seed(b"", 0, 0, _f64(s, 0) ^ ((n * _K0) & _M64), _f64(s, n - 8) ^ _K1)
    return _city128_seed(s, 0, n, _K0, _K1)


# ---------------------------------------------------------------------------------------------------------------
# LZ4 block format and ClickHouse's compressed block framing.

def _lz4_literals_only(data):
    """A valid LZ4 block holding `data` as one run of literals (no matches): used when `lz4` is not installed."""
    n = len(data)
    if n < 15:
        return bytes([n << 4]) + data
    rest = n - 15
    return b"\xf0" + b"\xff" * (rest // 255) + bytes([rest % 255]) + data


def _lz4_decode(src, size):
    """Decodes one LZ4 block into exactly `size` bytes."""
    out = bytearray()
    i, n = 0, len(src)
    while i < n:
        token = src[i]
        i += 1
        lit = token >> 4
        if lit == 15:
            while True:
                b = src[i]
                i += 1
                lit += b
                if b != 255:
                    break
        out += src[i:i + lit]
        i += lit
        if i >= n:
            break
        off = src[i] | (src[i + 1] << 8)
        i += 2
        if off == 0 or off > len(out):
            raise ValueError("bad LZ4 offset")
        mlen = token & 15
        if mlen == 15:
            while True:
                b = src[i]
                i += 1
                mlen += b
                if b != 255:
                    break
        mlen += 4
        start = len(out) - off
        if mlen <= off:
            out += out[start:start + mlen]
        else:
            for k in range(mlen):
                out.append(out[start + k])
    if len(out) != size:
        raise ValueError("LZ4 block decodes to %d bytes, header says %d" % (len(out), size))
    return bytes(out)


def lz4_compress(data):
    if _lz4_block is not None:
        return _lz4_block.compress(data, store_size=False)
    return _lz4_literals_only(data)


def lz4_decompress(data, size):
    if _lz4_block is not None:
        return _lz4_block.decompress(data, uncompressed_size=size)
    return _lz4_decode(data, size)


METHOD_NONE = 0x02
METHOD_LZ4 = 0x82
BLOCK_SIZE = 1 << 20  # ClickHouse's max_compress_block_size


def frame(data):
    """`data` in ClickHouse's compressed block framing: checksum, method 0x82 (LZ4), sizes, LZ4 block."""
    out = []
    for pos in range(0, len(data), BLOCK_SIZE):
        chunk = data[pos:pos + BLOCK_SIZE]
        packed = lz4_compress(chunk)
        block = struct.pack("<BII", METHOD_LZ4, len(packed) + 9, len(chunk)) + packed
        lo, hi = cityhash128(block)
        out.append(struct.pack("<QQ", lo, hi) + block)
    return b"".join(out)


def unframe(data):
    """Inverse of frame(); accepts methods 0x82 (LZ4) and 0x02 (none). Raises QueryError on bad input."""
    out = []
    pos, n = 0, len(data)
    while pos < n:
        if n - pos < 25:
            raise QueryError(32, "ATTEMPT_TO_READ_AFTER_EOF", "Cannot read the header of a compressed block")
        method = data[pos + 16]
        size, raw = struct.unpack_from("<II", data, pos + 17)
        block = data[pos + 16:pos + 16 + size]
        if len(block) != size or size < 9:
            raise QueryError(32, "ATTEMPT_TO_READ_AFTER_EOF", "Truncated compressed block")
        if struct.unpack_from("<QQ", data, pos) != cityhash128(block):
            raise QueryError(40, "CHECKSUM_DOESNT_MATCH", "Checksum doesn't match: corrupted data")
        if method == METHOD_LZ4:
            try:
                out.append(lz4_decompress(block[9:], raw))
            except Exception as e:  # noqa: BLE001 - any decoder failure is corrupt input
                raise QueryError(271, "CANNOT_DECOMPRESS", "Cannot decompress LZ4 block: %s" % e)
        elif method == METHOD_NONE:
            out.append(block[9:])
        else:
            raise QueryError(89, "UNKNOWN_COMPRESSION_METHOD", "Unknown compression method 0x%02x" % method)
        pos += 16 + size
    return b"".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Errors and their HTTP statuses (as ClickHouse's HTTP handler maps exception codes).

class QueryError(Exception):
    def __init__(self, code, name, message):
        super().__init__(message)
        self.code = code
        self.name = name
        self.message = message

    def text(self):
        return "Code: %d. DB::Exception: %s. (%s)" % (self.code, self.message.rstrip("."), self.name)


_STATUS_BY_NAME = {}
for _n in ("UNKNOWN_USER WRONG_PASSWORD AUTHENTICATION_FAILED SET_NON_GRANTED_ROLE ACCESS_DENIED").split():
    _STATUS_BY_NAME[_n] = 403
for _n in ("BAD_ARGUMENTS CANNOT_COMPILE_REGEXP CANNOT_PARSE_TEXT CANNOT_PARSE_ESCAPE_SEQUENCE "
           "CANNOT_PARSE_QUOTED_STRING CANNOT_PARSE_DATE CANNOT_PARSE_DATETIME CANNOT_PARSE_NUMBER "
           "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING CANNOT_PARSE_IPV4 CANNOT_PARSE_IPV6 "
           "CANNOT_PARSE_INPUT_ASSERTION_FAILED CANNOT_PARSE_UUID DUPLICATE_COLUMN ILLEGAL_COLUMN "
           "UNKNOWN_ELEMENT_IN_AST UNKNOWN_TYPE_OF_AST_NODE THERE_IS_NO_COLUMN TOO_DEEP_AST TOO_BIG_AST "
           "UNEXPECTED_AST_STRUCTURE SYNTAX_ERROR INCORRECT_DATA TYPE_MISMATCH "
           "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE").split():
    _STATUS_BY_NAME[_n] = 400
for _n in ("UNKNOWN_TABLE UNKNOWN_FUNCTION UNKNOWN_IDENTIFIER UNKNOWN_TYPE UNKNOWN_STORAGE UNKNOWN_DATABASE "
           "UNKNOWN_SETTING UNKNOWN_DIRECTION_OF_SORTING UNKNOWN_AGGREGATE_FUNCTION UNKNOWN_FORMAT "
           "UNKNOWN_DATABASE_ENGINE UNKNOWN_TYPE_OF_QUERY UNKNOWN_ROLE").split():
    _STATUS_BY_NAME[_n] = 404
_STATUS_BY_NAME.update({
    "REQUIRED_PASSWORD": 401, "QUERY_IS_TOO_LARGE": 413, "NOT_IMPLEMENTED": 501, "SOCKET_TIMEOUT": 503,
    "CANNOT_OPEN_FILE": 503, "HTTP_LENGTH_REQUIRED": 411, "TIMEOUT_EXCEEDED": 408, "CANNOT_SCHEDULE_TASK": 503,
    "UNSUPPORTED_MEDIA_TYPE": 415,
})

_ERR_CODE = re.compile(r"Code: (\d+)\.")
_ERR_NAME = re.compile(r"\(([A-Z][A-Z0-9_]+)\)\s*$")


def parse_engine_error(text):
    """(code, name, full text) of a chDB error message ('Code: 62. DB::Exception: ... (SYNTAX_ERROR)')."""
    text = text.strip()
    m = _ERR_CODE.search(text)
    code = int(m.group(1)) if m else 1002
    n = _ERR_NAME.search(text)
    name = n.group(1) if n else "UNKNOWN_EXCEPTION"
    if not m:
        text = "Code: 1002. DB::Exception: %s. (UNKNOWN_EXCEPTION)" % text
    return code, name, text


# ---------------------------------------------------------------------------------------------------------------
# The engine.

class Engine:
    """One chDB connection; every call holds the lock (chDB runs one statement per connection at a time)."""

    def __init__(self, lib_path, data_dir):
        self.lib = ctypes.CDLL(lib_path)
        lib = self.lib
        if hasattr(lib, "chdb_set_signal_handlers_enabled"):
            lib.chdb_set_signal_handlers_enabled.argtypes = [ctypes.c_int]
            lib.chdb_set_signal_handlers_enabled(0)
        lib.chdb_connect.restype = ctypes.POINTER(ctypes.c_void_p)
        lib.chdb_connect.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        lib.chdb_close_conn.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.chdb_close_conn.restype = None
        lib.chdb_query_n.restype = ctypes.c_void_p
        lib.chdb_query_n.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                     ctypes.c_size_t]
        pp = ctypes.POINTER(ctypes.c_char_p)
        ps = ctypes.POINTER(ctypes.c_size_t)
        lib.chdb_query_with_params_n.restype = ctypes.c_void_p
        lib.chdb_query_with_params_n.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                 ctypes.c_char_p, ctypes.c_size_t, pp, ps, pp, ps, ctypes.c_size_t]
        lib.chdb_result_buffer.restype = ctypes.c_void_p
        lib.chdb_result_buffer.argtypes = [ctypes.c_void_p]
        lib.chdb_result_length.restype = ctypes.c_size_t
        lib.chdb_result_length.argtypes = [ctypes.c_void_p]
        lib.chdb_result_error.restype = ctypes.c_char_p
        lib.chdb_result_error.argtypes = [ctypes.c_void_p]
        for f in ("chdb_result_rows_read", "chdb_result_bytes_read", "chdb_result_storage_rows_read",
                  "chdb_result_storage_bytes_read", "chdb_result_rows_written", "chdb_result_bytes_written"):
            getattr(lib, f).restype = ctypes.c_uint64
            getattr(lib, f).argtypes = [ctypes.c_void_p]
        lib.chdb_destroy_query_result.argtypes = [ctypes.c_void_p]
        lib.chdb_destroy_query_result.restype = None

        os.makedirs(data_dir, exist_ok=True)
        args = [b"clickhouse", ("--path=" + os.path.abspath(data_dir)).encode()]
        argv = (ctypes.c_char_p * len(args))(*args)
        self.conn_ptr = lib.chdb_connect(len(args), argv)
        if not self.conn_ptr:
            raise RuntimeError("chdb_connect failed for --path=%s" % data_dir)
        self.conn = self.conn_ptr[0]
        self.lock = threading.Lock()
        self.database = None  # the connection's current database, None when unknown
        self.closed = False
        self.version = self.scalar("SELECT version()")
        self.timezone = self.scalar("SELECT timezone()")

    def _run(self, sql, fmt, params=None):
        """Runs one statement; returns (output bytes, stats dict); raises QueryError. Caller holds the lock."""
        if self.closed:
            raise QueryError(210, "NETWORK_ERROR", "The engine is shutting down")
        f = fmt.encode()
        if params:
            names = [k.encode() for k in params]
            values = [v.encode() for v in params.values()]
            cnt = len(names)
            r = self.lib.chdb_query_with_params_n(
                self.conn, sql, len(sql), f, len(f),
                (ctypes.c_char_p * cnt)(*names), (ctypes.c_size_t * cnt)(*[len(x) for x in names]),
                (ctypes.c_char_p * cnt)(*values), (ctypes.c_size_t * cnt)(*[len(x) for x in values]), cnt)
        else:
            r = self.lib.chdb_query_n(self.conn, sql, len(sql), f, len(f))
        if not r:
            raise QueryError(1002, "UNKNOWN_EXCEPTION", "chDB returned no result")
        try:
            err = self.lib.chdb_result_error(r)
            if err:
                code, name, text = parse_engine_error(err.decode("utf-8", "replace"))
                e = QueryError(code, name, text)
                e.full = text
                raise e
            n = self.lib.chdb_result_length(r)
            buf = self.lib.chdb_result_buffer(r)
            out = ctypes.string_at(buf, n) if n and buf else b""
            stats = {
                "result_rows": self.lib.chdb_result_rows_read(r),
                "read_rows": self.lib.chdb_result_storage_rows_read(r),
                "read_bytes": self.lib.chdb_result_storage_bytes_read(r),
                "written_rows": self.lib.chdb_result_rows_written(r),
                "written_bytes": self.lib.chdb_result_bytes_written(r),
            }
            return out, stats
        finally:
            self.lib.chdb_destroy_query_result(r)

    def scalar(self, sql):
        with self.lock:
            out, _ = self._run(sql.encode(), "TabSeparated")
        return out.decode().strip()

    def execute(self, sql, fmt, database, settings, params, set_names=()):
        """Runs `sql` (bytes) with the request's database and settings applied for this statement only.

        Like ClickHouse's HTTP interface without a session, neither a USE nor a SET statement outlives its
        request: the next request starts from its own database and the default settings again."""
        with self.lock:
            if database != self.database:
                self.database = None
                self._run(("USE " + quote_ident(database)).encode(), "TabSeparated")
                self.database = database
            if settings:
                self._run(("SET " + ", ".join("%s = %s" % (k, quote_value(v)) for k, v in settings.items()))
                          .encode(), "TabSeparated")
            try:
                return self._run(sql, fmt, params)
            finally:
                if _USE.match(sql):
                    self.database = None
                names = list(settings) + [n for n in set_names if n not in settings]
                if names:
                    try:
                        self._run(("SET " + ", ".join("%s = DEFAULT" % k for k in names)).encode(),
                                  "TabSeparated")
                    except QueryError as e:
                        LOG.warning("could not reset settings %s: %s", names, e.message)

    def close(self):
        with self.lock:
            if not self.closed:
                self.closed = True
                self.lib.chdb_close_conn(self.conn_ptr)


_USE = re.compile(rb"^\s*USE\s", re.I)
_SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote_ident(name):
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


def quote_value(v):
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"


# ---------------------------------------------------------------------------------------------------------------
# Reading SQL: the output format a statement names, whether it is an INSERT.

_TOKENS = re.compile(rb"""'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|--[^\n]*|#[^\n]*|/\*.*?\*/"""
                     rb"""|[A-Za-z_][A-Za-z0-9_]*|\S""", re.S)
_FORMAT_ALIASES = {"TSV": "TabSeparated", "TSVWithNames": "TabSeparatedWithNames",
                   "TSVWithNamesAndTypes": "TabSeparatedWithNamesAndTypes", "TSVRaw": "TabSeparatedRaw"}


def _words(sql):
    """Tokens of `sql` without comments; every literal or quoted name becomes b"'"."""
    out = []
    for m in _TOKENS.finditer(sql):
        t = m.group(0)
        if t.startswith(b"--") or t.startswith(b"#") or t.startswith(b"/*"):
            continue
        out.append(b"'" if t[:1] in (b"'", b'"', b"`") else t)
    return out


_IDENT = re.compile(rb"^[A-Za-z_][A-Za-z0-9_]*$")


# chDB, like clickhouse-local, reads the data that follows an INSERT's query text only up to the first empty line:
# RowBinary rows holding the bytes 0A 0A were cut there without an error (a UInt32 2570 is 0A 0A 00 00). So the
# data of `INSERT ... FORMAT X` sent apart from its query (the `query` parameter, as client-v2 inserts) goes to the
# engine as a file: `INSERT ... FROM INFILE '<file>' [SETTINGS ...] FORMAT X`.
_INSERT_FORMAT = re.compile(rb"^(?P<head>\s*INSERT\s.*?)(?P<tail>(?:\s+SETTINGS\s.*?)?\s+FORMAT\s+\w+\s*)$",
                            re.I | re.S)


def data_file(query, data):
    """(statement reading `data` from a temporary file, file path), or None when `query` is no INSERT ... FORMAT."""
    m = _INSERT_FORMAT.match(query)
    if not m:
        return None
    fd, path = tempfile.mkstemp(prefix="chdb-http-insert-", suffix=".data")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return m.group("head") + b" FROM INFILE " + quote_value(path).encode() + m.group("tail"), path


class Shape:
    """What the front needs to know of a statement, read past literals and comments."""

    def __init__(self, sql):
        head = _words(sql[:4096])
        first = head[0].upper() if head else b""
        self.is_insert = first == b"INSERT"
        self.format = None  # the output format a FORMAT clause names
        self.multi = False  # more than one statement (ClickHouse's HTTP interface refuses them)
        self.set_names = []  # the settings a SET statement names
        if self.is_insert:  # what follows FORMAT/VALUES is data: not read
            return
        words = _words(sql)
        for i, w in enumerate(words[:-1]):
            if w.upper() == b"FORMAT" and _IDENT.match(words[i + 1]):
                fmt = words[i + 1].decode()
                self.format = _FORMAT_ALIASES.get(fmt, fmt)
        for i, w in enumerate(words):
            if w == b";" and any(x != b";" for x in words[i + 1:]):
                self.multi = True
                break
        if first == b"SET" and not self.multi:
            depth, expect = 0, True
            for i, w in enumerate(words[1:], 1):
                if w in (b"(", b"["):
                    depth += 1
                elif w in (b")", b"]"):
                    depth -= 1
                elif depth == 0 and w == b",":
                    expect = True
                elif expect and _IDENT.match(w) and i + 1 < len(words) and words[i + 1] == b"=":
                    self.set_names.append(w.decode())
                    expect = False


def content_type(fmt):
    if fmt.startswith("TabSeparated") or fmt.startswith("TSV"):
        return "text/tab-separated-values; charset=UTF-8"
    if fmt.startswith("CSV"):
        return "text/csv; charset=UTF-8; header=absent"
    if fmt.startswith("JSON"):
        return "application/json; charset=UTF-8"
    if fmt in ("Pretty", "PrettyCompact", "Vertical", "TSKV", "Values", "Markdown"):
        return "text/plain; charset=UTF-8"
    return "application/octet-stream"


# ---------------------------------------------------------------------------------------------------------------
# HTTP.

# URL parameters that steer the HTTP exchange and are not ClickHouse settings: never applied with SET.
TRANSPORT_PARAMS = {
    "query", "query_id", "compress", "decompress", "database", "default_format", "user", "password", "quota_key",
    "session_id", "session_timeout", "session_check", "close_session", "wait_end_of_query", "buffer_size",
    "stacktrace", "role", "client_protocol_version", "enable_http_compression", "http_zlib_compression_level",
    "send_progress_in_http_headers", "http_headers_progress_interval_ms", "http_wait_end_of_query",
    "http_response_buffer_size",
}


def truthy(v):
    return v is not None and v.strip().lower() in ("1", "true", "yes", "on")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "chdb-http"
    # Headers and body leave in one segment, without Nagle: a reply split in two otherwise waits for the
    # client's delayed ACK (some 40 ms per request).
    disable_nagle_algorithm = True
    wbufsize = 1 << 16

    def version_string(self):
        return self.server_version

    def handle_expect_100(self):
        ok = super().handle_expect_100()
        self.wfile.flush()
        return ok

    def log_message(self, fmt, *args):  # the server logs queries itself
        LOG.debug("%s %s", self.address_string(), fmt % args)

    # -- plumbing ------------------------------------------------------------------------------------------------

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline(3)
            return b"".join(parts)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def _send(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        else:
            self.send_header("Keep-Alive", "timeout=10")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error(self, err, query_id, compress):
        text = (getattr(err, "full", None) or err.text()) + "\n"
        status = _STATUS_BY_NAME.get(err.name, 500)
        body = text.encode("utf-8", "replace")
        # Like ClickHouse: errors raised once the query runs go through the (maybe compressed) output; an
        # authentication failure happens before that and is always plain text (the driver reads it so).
        if compress and status not in (401, 403):
            body = frame(body)
        headers = {"Content-Type": "text/plain; charset=UTF-8", "X-ClickHouse-Exception-Code": str(err.code),
                   "X-ClickHouse-Server-Display-Name": "chdb-http", "X-ClickHouse-Query-Id": query_id}
        if status == 401:
            headers["WWW-Authenticate"] = 'Basic realm="ClickHouse server HTTP API"'
        LOG.debug("query %s failed: %s", query_id, text.strip())
        self._send(status, body, headers)

    # -- authentication ------------------------------------------------------------------------------------------

    def _credentials(self, params):
        user = self.headers.get("X-ClickHouse-User")
        key = self.headers.get("X-ClickHouse-Key")
        auth = self.headers.get("Authorization", "")
        if auth.lower().startswith("basic "):
            try:
                u, _, p = base64.b64decode(auth[6:].strip()).decode("utf-8").partition(":")
            except Exception:  # noqa: BLE001
                raise QueryError(516, "AUTHENTICATION_FAILED", "Malformed Basic authorization header")
            if user is not None or key is not None:
                raise QueryError(497, "ACCESS_DENIED", "Invalid authentication: it is not allowed to use "
                                                     "Authorization HTTP header and authentication via "
                                                     "parameters simultaneously")
            return u, p
        if user is None:
            user = params.get("user")
        if key is None:
            key = params.get("password")
        return user or "default", key or ""

    def _authenticate(self, params):
        user, password = self._credentials(params)
        cfg = self.server.auth
        ok = hmac.compare_digest(user.encode(), cfg[0].encode()) and \
            hmac.compare_digest(password.encode(), cfg[1].encode())
        if not ok:
            raise QueryError(516, "AUTHENTICATION_FAILED", "%s: Authentication failed: password is incorrect, or "
                                                           "there is no user with such name" % user)
        return user

    # -- requests ------------------------------------------------------------------------------------------------

    def do_GET(self):
        path, _, qs = self.path.partition("?")
        if path in ("/ping", "/ping/"):
            return self._send(200, b"Ok.\n", {"Content-Type": "text/html; charset=UTF-8"})
        params = dict(urllib.parse.parse_qsl(qs, keep_blank_values=True))
        if path == "/" and "query" not in params:
            return self._send(200, b"Ok.\n", {"Content-Type": "text/html; charset=UTF-8"})
        if path != "/":
            return self._not_found()
        self._query(params, b"")

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        path, _, qs = self.path.partition("?")
        body = self._read_body()
        if path != "/":
            return self._not_found()
        self._query(dict(urllib.parse.parse_qsl(qs, keep_blank_values=True)), body)

    def _not_found(self):
        self._send(404, b"There is no handle " + self.path.encode("utf-8", "replace") + b"\n",
                   {"Content-Type": "text/plain; charset=UTF-8"})

    def _query(self, params, body):
        query_id = params.get("query_id") or self.headers.get("X-ClickHouse-Query-Id") or str(uuid.uuid4())
        compress = truthy(params.get("compress"))
        started = time.monotonic()
        infile = None
        try:
            self._authenticate(params)
            encoding = self.headers.get("Content-Encoding", "").strip().lower()
            if encoding in ("gzip", "deflate"):
                body = zlib.decompress(body, 47 if encoding == "gzip" else 15)
            elif encoding not in ("", "identity"):
                raise QueryError(89, "UNKNOWN_COMPRESSION_METHOD",
                                 "Content-Encoding %s is not supported by this test engine" % encoding)
            if truthy(params.get("decompress")):
                body = unframe(body)
            if "query" in params:
                q = params["query"].encode()
                infile = data_file(q, body) if body else None
                sql = infile[0] if infile else q + (b"\n" + body if body else b"")
            else:
                sql = body
            if not sql.strip():
                raise QueryError(211, "EMPTY_QUERY", "Empty query")
            database = self.headers.get("X-ClickHouse-Database") or params.get("database") or "default"
            default_format = self.headers.get("X-ClickHouse-Format") or params.get("default_format") \
                or "TabSeparated"
            settings, qparams = {}, {}
            for k, v in params.items():
                if k.startswith("param_"):
                    qparams[k[6:]] = v
                elif k not in TRANSPORT_PARAMS:
                    if not _SETTING_NAME.match(k):
                        raise QueryError(115, "UNKNOWN_SETTING", "Unknown setting '%s'" % k)
                    settings[k] = v
            for k, v in self.server.default_settings.items():
                if k not in settings and not re.search(r"\b" + k + r"\s*=", sql.decode("utf-8", "replace")):
                    settings[k] = v
            shape = Shape(sql)
            if shape.multi:
                raise QueryError(62, "SYNTAX_ERROR", "Multi-statements are not allowed")
            is_insert = shape.is_insert
            fmt = shape.format or default_format
            out, stats = self.server.engine.execute(sql, default_format, database, settings, qparams or None,
                                                    shape.set_names)
        except QueryError as e:
            return self._send_error(e, query_id, compress)
        except zlib.error as e:
            return self._send_error(QueryError(354, "ZLIB_INFLATE_FAILED", str(e)), query_id, compress)
        except Exception as e:  # noqa: BLE001 - a bug of this front: still a ClickHouse-shaped answer
            LOG.exception("query %s: internal error", query_id)
            return self._send_error(QueryError(1001, "STD_EXCEPTION", "chdb-http: %r" % e), query_id, compress)
        finally:
            if infile:
                os.unlink(infile[1])
        elapsed_ns = int((time.monotonic() - started) * 1e9)
        summary = {"read_rows": stats["read_rows"], "read_bytes": stats["read_bytes"],
                   "written_rows": stats["written_rows"], "written_bytes": stats["written_bytes"],
                   "total_rows_to_read": stats["read_rows"],
                   "result_rows": 0 if is_insert else stats["result_rows"], "result_bytes": len(out),
                   "elapsed_ns": elapsed_ns}
        headers = {
            "Content-Type": content_type(fmt),
            "X-ClickHouse-Server-Display-Name": "chdb-http",
            "X-ClickHouse-Query-Id": query_id,
            "X-ClickHouse-Format": fmt,
            "X-ClickHouse-Timezone": self.server.engine.timezone,
            "X-ClickHouse-Summary": json.dumps({k: str(v) for k, v in summary.items()}, separators=(",", ":")),
        }
        LOG.debug("query %s %.1f ms, %d bytes out, %d rows written: %s", query_id, elapsed_ns / 1e6, len(out),
                  stats["written_rows"], sql[:300].decode("utf-8", "replace").replace("\n", " "))
        self._send(200, frame(out) if compress else out, headers)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main(argv=None):
    ap = argparse.ArgumentParser(description="ClickHouse HTTP interface in front of chDB (tests only)")
    ap.add_argument("--lib", required=True, help="path of libchdb.so")
    ap.add_argument("--data", required=True, help="database directory (persistent)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--user", default="default")
    ap.add_argument("--password", default="", help="the user's password (default: none)")
    ap.add_argument("--timezone", default="UTC", help="server time zone (default UTC)")
    ap.add_argument("--exit-with-parent", action="store_true",
                    help="stop (as on SIGTERM) when the process that started this one is gone")
    ap.add_argument("--default-setting", action="append", default=[], metavar="NAME=VALUE",
                    help="a setting every query gets unless it sets its own, as a ClickHouse user profile does")
    ap.add_argument("--log-level", default=os.environ.get("CHDB_HTTP_LOG", "INFO"),
                    help="DEBUG logs every query with its duration")
    a = ap.parse_args(argv)
    logging.basicConfig(level=getattr(logging, a.log_level.upper(), logging.INFO), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    os.environ["TZ"] = a.timezone  # the engine takes its server time zone from TZ
    time.tzset()
    started = time.monotonic()
    server = Server((a.host, a.port), Handler)  # bind first: a taken port fails before the engine loads
    engine = Engine(a.lib, a.data)
    server.engine = engine
    server.auth = (a.user, a.password)
    server.default_settings = dict(s.split("=", 1) for s in a.default_setting)

    stopping = threading.Event()

    def stop(signum, _frame):
        if not stopping.is_set():
            stopping.set()
            LOG.info("%s: stopping", "signal %d" % signum if signum else "parent process gone")
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if a.exit_with_parent:  # a test JVM that died without stopping us must not leave the engine running
        parent = os.getppid()

        def watch():
            while not stopping.wait(1.0):
                if os.getppid() != parent:
                    stop(0, None)

        threading.Thread(target=watch, daemon=True).start()
    LOG.info("chDB %s, data %s, time zone %s, lz4 module %s, ready in %.2f s", engine.version,
             os.path.abspath(a.data), engine.timezone, "yes" if _lz4_block else "no (built-in codec)",
             time.monotonic() - started)
    print("chdb-http listening on %s:%d" % (a.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        engine.close()  # waits for the statement in flight, then closes the connection: data dir is consistent
        LOG.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
