#!/usr/bin/env python3
"""test/tools/stub_apiserver.py, plus what a real API server does for CRDs (for recording the
goldens of test/golden/crd with the REAL kubectl 1.32):

- every CustomResourceDefinition among the objects is served, and its kind is in discovery
  (with its short names and categories), as the apiextensions discovery controller does;
- `as=Table` requests for custom resources get the Table the apiextensions table convertor
  builds (apiextensions-apiserver pkg/registry/customresource/tableconvertor: Name, then the
  version's additionalPrinterColumns, or Age when there are none), and for CRDs the default
  table convertor's (Name, Created At). Ages are relative to $STUB_NOW.

usage: stub.py OBJECTS.json [PORT]
"""
import importlib.util, json, os, re, sys, datetime

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("stub", os.path.join(here, "..", "..", "..", "tools", "stub_apiserver.py"))
stub = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stub)

NOW = datetime.datetime.strptime(os.environ.get("STUB_NOW", "2024-05-01T12:00:00Z"), "%Y-%m-%dT%H:%M:%SZ")
CRDS = {}  # (group, version, plural) -> (crd, version object)


def kube_version_key(v):
    m = re.match(r"^v(\d+)(?:(alpha|beta)(\d+))?$", v)
    if not m:
        return (0, 0, 0, v)
    rank = 3 if m.group(2) is None else (2 if m.group(2) == "beta" else 1)
    return (rank, int(m.group(1)), int(m.group(3) or 0), "")


def register(objects):
    stub.RESOURCES.append(("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", False, ["crd", "crds"], "customresourcedefinition"))
    for o in objects:
        if o.get("kind") != "CustomResourceDefinition":
            continue
        s = o["spec"]
        n = s["names"]
        served = sorted([v for v in s["versions"] if v.get("served")], key=lambda v: kube_version_key(v["name"]), reverse=True)
        for v in served:
            stub.RESOURCES.append((s["group"], v["name"], n["plural"], n["kind"], s["scope"] == "Namespaced", n.get("shortNames", []), n.get("singular", n["kind"].lower())))
            CRDS[(s["group"], v["name"], n["plural"])] = (o, v)
    stub.GROUPS.clear()
    for g, v, *_ in stub.RESOURCES:
        if g:
            stub.GROUPS.setdefault(g, v)


def human_duration(sec):
    # apimachinery duration.HumanDuration
    if sec < -1:
        return "<invalid>"
    if sec < 0:
        return "0s"
    if sec < 120:
        return "%ds" % sec
    minutes = sec // 60
    if minutes < 10:
        s = sec % 60
        return "%dm" % minutes if s == 0 else "%dm%ds" % (minutes, s)
    if minutes < 180:
        return "%dm" % minutes
    hours = sec // 3600
    if hours < 8:
        m = minutes % 60
        return "%dh" % hours if m == 0 else "%dh%dm" % (hours, m)
    if hours < 48:
        return "%dh" % hours
    if hours < 24 * 8:
        h = hours % 24
        return "%dd" % (hours // 24) if h == 0 else "%dd%dh" % (hours // 24, h)
    if hours < 24 * 365 * 2:
        return "%dd" % (hours // 24)
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return "%dy" % (hours // 24 // 365) if dy == 0 else "%dy%dd" % (hours // 24 // 365, dy)
    return "%dy" % (hours // 24 // 365)


def simple_path(obj, path):
    cur = obj
    for m in re.finditer(r"\.([^.\[\]]+)|\[(\d+)\]|\['([^']*)'\]", path):
        key = m.group(1) or m.group(3)
        if m.group(2) is not None:
            if not isinstance(cur, list) or int(m.group(2)) >= len(cur):
                return None
            cur = cur[int(m.group(2))]
        else:
            if not isinstance(cur, dict) or key not in cur:
                return None
            cur = cur[key]
    return cur


def cell(col_type, value):
    # tableconvertor.cellForJSONValue (and the jsonpath printer for strings)
    if value is None:
        return None
    if col_type == "string":
        if isinstance(value, (dict, list)):
            return json.dumps(value, separators=(",", ":"), sort_keys=True)
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else str(value)
    if col_type == "integer":
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if col_type == "number":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if col_type == "boolean":
        return value if isinstance(value, bool) else None
    if col_type == "date":
        if not isinstance(value, str):
            return None
        t = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        return human_duration(int((NOW - t).total_seconds()))
    return None


def age_or_created(o):
    return o["metadata"].get("creationTimestamp")


class Handler(stub.Handler):
    def do_GET(self):
        if "as=Table" not in self.headers.get("Accept", ""):
            return super().do_GET()
        url = stub.urlparse(self.path)
        path = url.path.rstrip("/")
        m = re.match(r"^/apis/([^/]+)/([^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?$", path)
        if not m:
            return super().do_GET()
        g, v, ns, plural, name = m.groups()
        if (g, v, plural) == ("apiextensions.k8s.io", "v1", "customresourcedefinitions"):
            cols = [{"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0},
                    {"name": "Created At", "type": "date", "format": "", "description": "", "priority": 0}]
            pool = [o for o in self.objects if o.get("kind") == "CustomResourceDefinition"]
            rowf = lambda o: [o["metadata"]["name"], o["metadata"]["creationTimestamp"]]
        elif (g, v, plural) in CRDS:
            crd, ver = CRDS[(g, v, plural)]
            pcs = ver.get("additionalPrinterColumns") or [{"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]
            cols = [{"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0}] + [
                {"name": c["name"], "type": c["type"], "format": c.get("format", ""), "description": c.get("description", ""), "priority": c.get("priority", 0)} for c in pcs]
            kind = crd["spec"]["names"]["kind"]
            pool = [o for o in self.objects if o.get("kind") == kind and o.get("apiVersion", "").split("/")[0] == g]
            rowf = lambda o: [o["metadata"]["name"]] + [cell(c["type"], simple_path(o, c["jsonPath"])) for c in pcs]
        else:
            return super().do_GET()
        if ns:
            pool = [o for o in pool if o["metadata"].get("namespace", "default") == ns]
        q = stub.parse_qs(url.query)
        if name:
            pool = [o for o in pool if o["metadata"]["name"] == name]
            if not pool:
                return self.not_found('%s.%s "%s" not found' % (plural, g, name))
        if "labelSelector" in q:
            pool = [o for o in pool if stub.match_labels(o, q["labelSelector"][0])]
        pool.sort(key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))
        rows = [{"cells": rowf(o), "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o["metadata"]}} for o in pool]
        self.send_json(200, {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"}, "columnDefinitions": cols, "rows": rows})


def main():
    objects = stub.load(sys.argv[1])
    register(objects)
    Handler.objects = objects
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    srv = stub.http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
