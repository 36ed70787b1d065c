#!/usr/bin/env python3
"""A read-only stand-in for a Kubernetes API server, for comparing output with real kubectl.

It serves API discovery plus GET/LIST of the objects in one JSON file (a v1 List, or a
JSON array of objects), so that the real `kubectl` binary can render them client-side:
`describe`, `-o jsonpath=...`, `-o go-template=...`, `-o custom-columns=...`, and
`create -f FILE --dry-run=client -o ...`. It never stores anything.

usage: stub_apiserver.py OBJECTS.json [PORT]   (PORT 0 = pick one; the port is printed on stdout)

kubesim's copy (of ../shared/oracle/stub_apiserver.py) also serves OpenAPI v3 for `kubectl explain`:
/openapi/v3 and /openapi/v3/<api/v1|apis/G/V> from the documents in $OPENAPI_DIR (files named
api__v1.json, apis__apps__v1.json, ...), as scripts/gen-explain.mjs lays them out; lists the
scale subresources (so `kubectl autoscale` finds them) and autoscaling/v1; and answers a POST to a
collection with the object it was sent (201, nothing stored) and a POST to serviceaccounts/NAME/token
with a TokenRequest whose token is "TOKEN" (404 when the service account is not in OBJECTS.json),
so verbs that create (`create token`, `autoscale`) can be recorded (scripts/record-verbs.mjs).
"""
import os
import json, sys, http.server, re
from urllib.parse import urlparse, parse_qs

# (group, version, plural, kind, namespaced, shortNames, singular)
RESOURCES = [
    ("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", False, [], "validatingwebhookconfiguration"),
    ("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", False, [], "mutatingwebhookconfiguration"),
    ("apiregistration.k8s.io", "v1", "apiservices", "APIService", False, [], "apiservice"),
    ("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", False, ["csr"], "certificatesigningrequest"),
    ("flowcontrol.apiserver.k8s.io", "v1", "flowschemas", "FlowSchema", False, [], "flowschema"),
    ("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", False, [], "runtimeclass"),
    ("storage.k8s.io", "v1", "csidrivers", "CSIDriver", False, [], "csidriver"),
    ("", "v1", "pods", "Pod", True, ["po"], "pod"),
    ("", "v1", "services", "Service", True, ["svc"], "service"),
    ("", "v1", "endpoints", "Endpoints", True, ["ep"], "endpoints"),
    ("", "v1", "namespaces", "Namespace", False, ["ns"], "namespace"),
    ("", "v1", "nodes", "Node", False, ["no"], "node"),
    ("", "v1", "secrets", "Secret", True, [], "secret"),
    ("", "v1", "configmaps", "ConfigMap", True, ["cm"], "configmap"),
    ("", "v1", "events", "Event", True, ["ev"], "event"),
    ("", "v1", "serviceaccounts", "ServiceAccount", True, ["sa"], "serviceaccount"),
    ("", "v1", "resourcequotas", "ResourceQuota", True, ["quota"], "resourcequota"),
    ("", "v1", "limitranges", "LimitRange", True, ["limits"], "limitrange"),
    ("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", True, ["pvc"], "persistentvolumeclaim"),
    ("coordination.k8s.io", "v1", "leases", "Lease", True, [], "lease"),
    ("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", True, ["pdb"], "poddisruptionbudget"),
    ("apps", "v1", "deployments", "Deployment", True, ["deploy"], "deployment"),
    ("apps", "v1", "replicasets", "ReplicaSet", True, ["rs"], "replicaset"),
    ("apps", "v1", "statefulsets", "StatefulSet", True, ["sts"], "statefulset"),
    ("apps", "v1", "daemonsets", "DaemonSet", True, ["ds"], "daemonset"),
    ("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", True, [], "endpointslice"),
    ("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", True, ["netpol"], "networkpolicy"),
    ("networking.k8s.io", "v1", "ingresses", "Ingress", True, ["ing"], "ingress"),
    ("events.k8s.io", "v1", "events", "Event", True, ["ev"], "event"),
    ("apps", "v1", "controllerrevisions", "ControllerRevision", True, [], "controllerrevision"),
    ("batch", "v1", "jobs", "Job", True, [], "job"),
    ("batch", "v1", "cronjobs", "CronJob", True, ["cj"], "cronjob"),
    ("", "v1", "replicationcontrollers", "ReplicationController", True, ["rc"], "replicationcontroller"),
    ("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True, ["hpa"], "horizontalpodautoscaler"),
    ("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True, ["hpa"], "horizontalpodautoscaler"),
    ("rbac.authorization.k8s.io", "v1", "roles", "Role", True, [], "role"),
    ("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", True, [], "rolebinding"),
    ("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", False, [], "clusterrole"),
    ("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", False, [], "clusterrolebinding"),
    ("", "v1", "persistentvolumes", "PersistentVolume", False, ["pv"], "persistentvolume"),
    ("storage.k8s.io", "v1", "storageclasses", "StorageClass", False, ["sc"], "storageclass"),
]
VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]
# subresources listed in discovery: (group, version, "plural/sub", kind, group-of-kind, version-of-kind)
SUBRESOURCES = [
    ("apps", "v1", "deployments/scale", "Scale", "autoscaling", "v1"),
    ("apps", "v1", "replicasets/scale", "Scale", "autoscaling", "v1"),
    ("apps", "v1", "statefulsets/scale", "Scale", "autoscaling", "v1"),
    ("", "v1", "replicationcontrollers/scale", "Scale", "autoscaling", "v1"),
    ("", "v1", "serviceaccounts/token", "TokenRequest", "authentication.k8s.io", "v1"),
]
GROUPS = {}
for g, v, *_ in RESOURCES:
    if g:
        GROUPS.setdefault(g, v)


def load(path):
    data = json.load(open(path))
    items = data.get("items", []) if isinstance(data, dict) else data
    return items


def api_version(g, v):
    return v if g == "" else g + "/" + v


def match_labels(obj, selector):
    labels = (obj.get("metadata") or {}).get("labels") or {}
    for term in [t for t in re.split(r",(?![^(]*\))", selector) if t]:
        m = re.match(r"^\s*([^!=\s]+)\s*in\s*\((.*)\)\s*$", term)
        if m:
            if labels.get(m.group(1)) not in [x.strip() for x in m.group(2).split(",")]:
                return False
            continue
        m = re.match(r"^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$", term)
        if m:
            k, op, val = m.groups()
            if (labels.get(k) == val) != (op != "!="):
                return False
            continue
        if term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def field_get(obj, path):
    cur = obj
    for p in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(p)
    return cur


def match_fields(obj, selector):
    for term in [t for t in selector.split(",") if t]:
        m = re.match(r"^([^!=]+)(==|=|!=)(.*)$", term)
        if not m:
            continue
        k, op, val = m.groups()
        got = field_get(obj, k)
        got = "" if got is None else str(got)
        if (got == val) != (op != "!="):
            return False
    return True


class Handler(http.server.BaseHTTPRequestHandler):
    objects = []

    def log_message(self, *a):
        pass

    def send_json(self, code, body):
        raw = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def not_found(self, what="the server could not find the requested resource"):
        self.send_json(404, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                             "message": what, "reason": "NotFound", "code": 404})

    def openapi_v3(self, path):
        d = os.environ.get("OPENAPI_DIR", "")
        files = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".json") and f != "index.json") if d else []
        if path == "/openapi/v3":
            return self.send_json(200, {"paths": {f.replace("__", "/"): {"serverRelativeURL": "/openapi/v3/" + f.replace("__", "/") + "?hash=0"} for f in files}})
        name = path[len("/openapi/v3/"):].replace("/", "__")
        if name not in files:
            return self.not_found()
        raw = open(os.path.join(d, name + ".json"), "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self):
        url = urlparse(self.path)
        q = parse_qs(url.query)
        path = url.path.rstrip("/")
        if path.startswith("/openapi/v3"):
            return self.openapi_v3(path)
        if path == "/version":
            return self.send_json(200, {"major": "1", "minor": "32", "gitVersion": "v1.32.0", "platform": "linux/amd64"})
        if path == "/api":
            return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})
        if path == "/apis":
            groups = [{"name": g, "versions": [{"groupVersion": g + "/" + v, "version": v}],
                       "preferredVersion": {"groupVersion": g + "/" + v, "version": v}} for g, v in GROUPS.items()]
            return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+)/([^/]+))$", path)
        if m:
            g, v = ("", "v1") if m.group(1) else (m.group(2), m.group(3))
            res = [{"name": p, "singularName": s, "namespaced": nsd, "kind": k, "verbs": VERBS, "shortNames": sn}
                   for (gg, vv, p, k, nsd, sn, s) in RESOURCES if gg == g and vv == v]
            res += [{"name": p, "singularName": "", "namespaced": True, "kind": k, "group": kg, "version": kv, "verbs": ["get", "patch", "update"]}
                    for (gg, vv, p, k, kg, kv) in SUBRESOURCES if gg == g and vv == v]
            if not res:
                return self.not_found()
            return self.send_json(200, {"kind": "APIResourceList", "apiVersion": "v1",
                                        "groupVersion": api_version(g, v), "resources": res})
        m = re.match(r"^(.*)/(status|scale)$", path)
        if m and path.count("/") >= 6:
            return self.subresource(m.group(1), m.group(2))
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+)/([^/]+))(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?$", path)
        if not m:
            return self.not_found()
        g, v = ("", "v1") if m.group(1) else (m.group(2), m.group(3))
        ns, plural, name = m.group(4), m.group(5), m.group(6)
        spec = next((r for r in RESOURCES if r[0] == g and r[1] == v and r[2] == plural), None)
        if spec is None:
            return self.not_found()
        kind, namespaced = spec[3], spec[4]
        av = api_version(g, v)
        pool = [o for o in self.objects if o.get("kind") == kind and o.get("apiVersion", av) == av or
                (o.get("kind") == kind and kind == "Event")]
        if namespaced and ns:
            pool = [o for o in pool if (o.get("metadata") or {}).get("namespace", "default") == ns]
        if name:
            for o in pool:
                if o["metadata"]["name"] == name:
                    return self.send_json(200, o)
            group_res = plural if g == "" else plural + "." + g
            return self.not_found('%s "%s" not found' % (group_res, name))
        if "labelSelector" in q:
            pool = [o for o in pool if match_labels(o, q["labelSelector"][0])]
        if "fieldSelector" in q:
            pool = [o for o in pool if match_fields(o, q["fieldSelector"][0])]
        return self.send_json(200, {"kind": kind + "List", "apiVersion": av, "metadata": {"resourceVersion": "1"},
                                    "items": pool})

    def subresource(self, path, sub):
        """GET NAME/status (the object) and NAME/scale (an autoscaling/v1 Scale) of the kinds
        that have them."""
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+)/([^/]+))/namespaces/([^/]+)/([^/]+)/([^/]+)$", path)
        scalable = {"deployments", "replicasets", "statefulsets", "replicationcontrollers"}
        if not m or (sub == "scale" and m.group(5) not in scalable) or m.group(5) in ("configmaps", "secrets", "serviceaccounts", "endpoints", "events", "rolebindings", "roles"):
            return self.not_found()
        g, v = ("", "v1") if m.group(1) else (m.group(2), m.group(3))
        spec = next((r for r in RESOURCES if r[0] == g and r[1] == v and r[2] == m.group(5)), None)
        o = next((o for o in self.objects if spec and o.get("kind") == spec[3] and o["metadata"]["name"] == m.group(6) and
                  o["metadata"].get("namespace", "default") == m.group(4)), None)
        if o is None:
            return self.not_found('%s "%s" not found' % (m.group(5) if not g else m.group(5) + "." + g, m.group(6)))
        if sub == "status":
            return self.send_json(200, o)
        md = o["metadata"]
        sel = (o.get("spec") or {}).get("selector") or {}
        sel = sel.get("matchLabels", sel) if isinstance(sel, dict) else {}
        return self.send_json(200, {"kind": "Scale", "apiVersion": "autoscaling/v1",
                                    "metadata": {k: md[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp") if k in md},
                                    "spec": {"replicas": (o.get("spec") or {}).get("replicas", 0)},
                                    "status": {"replicas": (o.get("status") or {}).get("replicas", 0),
                                               "selector": ",".join("%s=%s" % kv for kv in sorted(sel.items()))}})

    def do_POST(self):
        url = urlparse(self.path)
        path = url.path.rstrip("/")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            obj = json.loads(body or b"{}")
        except ValueError:
            obj = {}
        m = re.match(r"^/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token$", path)
        if m:
            ns, name = m.groups()
            if not any(o.get("kind") == "ServiceAccount" and o["metadata"]["name"] == name and
                       o["metadata"].get("namespace", "default") == ns for o in self.objects):
                return self.not_found('serviceaccounts "%s" not found' % name)
            obj.setdefault("metadata", {})
            obj["status"] = {"token": "TOKEN", "expirationTimestamp": "2030-01-01T00:00:00Z"}
            return self.send_json(201, obj)
        m = re.match(r"^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/[^/]+$", path)
        if not m:
            return self.not_found()
        meta = obj.setdefault("metadata", {})
        if m.group(1):
            meta.setdefault("namespace", m.group(1))
        return self.send_json(201, obj)


def main():
    Handler.objects = load(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else []
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
