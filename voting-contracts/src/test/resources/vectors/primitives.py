#!/usr/bin/env python3
"""Writes primitives.json: known answers for the canonical encoding, the election hash
(docs/crypto.md §2), P-256 point encodings and the Merkle tree, computed here with nothing but
Python's standard library -- an implementation independent of the Java code, which
PrimitiveVectorsTest checks against these values.

    python3 primitives.py > primitives.json
"""
import hashlib
import hmac
import json

P = 2**256 - 2**224 + 2**192 + 2**96 - 1
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
A = -3
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def add(p, q):
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0] and (p[1] + q[1]) % P == 0:
        return None
    if p == q:
        lam = (3 * p[0] * p[0] + A) * pow(2 * p[1], P - 2, P) % P
    else:
        lam = (q[1] - p[1]) * pow(q[0] - p[0], P - 2, P) % P
    x = (lam * lam - p[0] - q[0]) % P
    return (x, (lam * (p[0] - x) - p[1]) % P)


def mul(k, p):
    r = None
    while k:
        if k & 1:
            r = add(r, p)
        p = add(p, p)
        k >>= 1
    return r


def point(p):
    if p is None:
        return "00" * 33
    return ("03" if p[1] & 1 else "02") + p[0].to_bytes(32, "big").hex()


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def u32(v):
    return v.to_bytes(4, "big")


def election_hash_message(domain, parts):
    m = bytearray([domain])
    for kind, value in parts:
        if kind == "int":
            m += u32(value)
        elif kind == "long":
            m += value.to_bytes(8, "big")
        elif kind == "bytes":
            raw = bytes.fromhex(value)
            m += u32(len(raw)) + raw
        elif kind == "text":
            raw = value.encode("utf-8")
            m += u32(len(raw)) + raw
        elif kind == "scalar":
            m += value.to_bytes(32, "big")
        elif kind == "point":
            m += bytes.fromhex(point(mul(value, G)))
    return bytes(m)


def merkle_root(leaves):
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + merkle_root(leaves[:k]) + merkle_root(leaves[k:])).digest()


key = hashlib.sha256(b"votechain test vectors").digest()
hash_cases = [
    {"description": "integers", "domain": 1, "parts": [["int", 7], ["long", 10**12]]},
    {"description": "bytes and UTF-8 text", "domain": 0x21,
     "parts": [["bytes", "cafe"], ["text", "选举 election"]]},
    {"description": "a scalar and the point 5G", "domain": 0x30,
     "parts": [["scalar", N - 1], ["point", 5]]},
]
for case in hash_cases:
    msg = election_hash_message(case["domain"], case["parts"])
    case["message"] = msg.hex()
    case["hash"] = hmac.new(key, msg, hashlib.sha256).hexdigest()
    wide = hmac.new(key, msg + b"\x01", hashlib.sha256).digest() + \
        hmac.new(key, msg + b"\x02", hashlib.sha256).digest()
    case["scalar"] = (int.from_bytes(wide, "big") % N).to_bytes(32, "big").hex()
    for p in case["parts"]:
        if p[0] == "scalar":
            p[1] = p[1].to_bytes(32, "big").hex()

points = [{"k": k, "kG": point(mul(k, G))} for k in [1, 2, 3, 1000, N - 1, 2**128 + 7]]
for p in points:
    p["k"] = p["k"].to_bytes(32, "big").hex()

leaves = [bytes([i] * i) for i in range(0, 11)]
merkle = [{"leaves": [l.hex() for l in leaves[:n]], "root": merkle_root(leaves[:n]).hex()}
          for n in range(0, 11)]

varints = [{"value": v, "encoding": varint(v).hex()}
           for v in [0, 1, 127, 128, 300, 16383, 16384, 2**32, 2**63 - 1]]

print(json.dumps({
    "description": "Known answers for votechain's primitives (docs/encoding.md, docs/crypto.md §1-2), "
                   "computed by primitives.py with Python's standard library only.",
    "electionHashKey": key.hex(),
    "electionHash": hash_cases,
    "p256Points": points,
    "merkle": merkle,
    "varints": varints,
}, indent=2, ensure_ascii=False))
