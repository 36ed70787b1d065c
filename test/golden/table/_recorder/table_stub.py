#!/usr/bin/env python3
"""A read-only stand-in API server that answers `Accept: ...;as=Table` requests with Table objects,
so the real kubectl prints `get` tables (layout, headers, -A/-L/--show-labels, kind prefixes, blank
lines between groups, watch) from cells we supply. Used only to record golden files.

usage: table_stub.py TABLES.json [PORT]
TABLES.json: {"kinds": {KIND: {"columns": [...], "group": G, "version": V, "plural": P, "namespaced": B}},
              "objects": [{"kind": K, "object": OBJ, "cells": [...]}],
              "watch": [{"type": T, "kind": K, "object": OBJ, "cells": [...]}]}   (watch events, then the stream closes)
"""
import json, sys, http.server, re
from urllib.parse import urlparse, parse_qs

data = json.load(open(sys.argv[1]))
KINDS = data["kinds"]
GROUPS = {}
for k, d in KINDS.items():
    if d["group"]:
        GROUPS.setdefault(d["group"], d["version"])


def av(d):
    return d["version"] if not d["group"] else d["group"] + "/" + d["version"]


def coldefs(kind):
    return [{"name": c["name"], "type": "string", "format": c.get("format", ""), "description": "", "priority": c["priority"]}
            for c in KINDS[kind]["columns"]]


def row(e):
    md = dict(e["object"]["metadata"])
    return {"cells": e["cells"], "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": md}}


def table(kind, entries):
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "10"},
            "columnDefinitions": coldefs(kind), "rows": [row(e) for e in entries]}


def match_labels(obj, selector):
    labels = (obj.get("metadata") or {}).get("labels") or {}
    for term in [t for t in selector.split(",") if t]:
        m = re.match(r"^([^!=]+)(==|=|!=)(.*)$", term)
        if m:
            k, op, val = m.groups()
            if (labels.get(k) == val) != (op != "!="):
                return False
        elif term not in labels:
            return False
    return True


class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send_json(self, code, body):
        raw = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def nf(self, msg="the server could not find the requested resource", details=None):
        self.send_json(404, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                             "message": msg, "reason": "NotFound", "details": details or {}, "code": 404})

    def do_GET(self):
        url = urlparse(self.path)
        q = parse_qs(url.query)
        path = url.path.rstrip("/")
        if path == "/version":
            return self.send_json(200, {"major": "1", "minor": "32", "gitVersion": "v1.32.0"})
        if path == "/api":
            return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})
        if path == "/apis":
            gs = [{"name": g, "versions": [{"groupVersion": g + "/" + v, "version": v}],
                   "preferredVersion": {"groupVersion": g + "/" + v, "version": v}} for g, v in GROUPS.items()]
            return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": gs})
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+)/([^/]+))$", path)
        if m:
            g, v = ("", "v1") if m.group(1) else (m.group(2), m.group(3))
            res = [{"name": d["plural"], "singularName": k.lower(), "namespaced": d["namespaced"], "kind": k,
                    "verbs": ["get", "list", "watch"], "shortNames": d.get("shortNames", []),
                    **({"categories": ["all"]} if d.get("all") else {})}
                   for k, d in KINDS.items() if d["group"] == g and d["version"] == v]
            if not res:
                return self.nf()
            return self.send_json(200, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": g + "/" + v if g else v, "resources": res})
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+)/([^/]+))(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?$", path)
        if not m:
            return self.nf()
        g, v = ("", "v1") if m.group(1) else (m.group(2), m.group(3))
        ns, plural, name = m.group(4), m.group(5), m.group(6)
        kind = next((k for k, d in KINDS.items() if d["group"] == g and d["version"] == v and d["plural"] == plural), None)
        if kind is None:
            return self.nf()
        entries = [e for e in data["objects"] if e["kind"] == kind]
        if KINDS[kind]["namespaced"] and ns:
            entries = [e for e in entries if e["object"]["metadata"].get("namespace") == ns]
        if "labelSelector" in q:
            entries = [e for e in entries if match_labels(e["object"], q["labelSelector"][0])]
        if "watch" in q and q["watch"][0] in ("true", "1"):
            return self.watch(kind, name)
        if name:
            for e in entries:
                if e["object"]["metadata"]["name"] == name:
                    return self.send_json(200, table(kind, [e]))
            gr = plural if not g else plural + "." + g
            return self.nf('%s "%s" not found' % (gr, name), {"name": name, "kind": plural, "group": g})
        # the storage order of a real API server: by "<namespace>/<name>"
        entries.sort(key=lambda e: (e["object"]["metadata"].get("namespace", "") + "/" + e["object"]["metadata"]["name"]).encode())
        return self.send_json(200, table(kind, entries))

    def watch(self, kind, name):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        first = True
        for ev in data.get("watch", []):
            if ev["kind"] != kind:
                continue
            t = table(kind, [ev])
            if not first:
                t["columnDefinitions"] = []
            first = False
            raw = (json.dumps({"type": ev["type"], "object": t}) + "\n").encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(raw), raw))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.close_connection = True


srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
