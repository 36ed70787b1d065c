# usage: python3 test/golden/table/_recorder/gen_cases.py test/golden/table   (after gen_fixtures.py)
# Generates test/golden/table/cases.json: the kubectl invocations recorded as goldens.
import json, sys, copy
out = sys.argv[1]
objs = json.load(open(out + "/objects.json"))["items"]
cells = json.load(open(out + "/cells.json"))["cells"]
def find(kind, ns, name):
    for o in objs:
        if o["kind"] == kind and o["metadata"].get("namespace", "") == ns and o["metadata"]["name"] == name:
            return copy.deepcopy(o)
    raise Exception(name)

C = []
def case(name, *args, **kw):
    C.append(dict(name=name, args=list(args), **kw))

case("pods", "get", "pods")
case("pods-wide", "get", "pods", "-o", "wide")
case("pods-all-namespaces", "get", "pods", "-A")
case("pods-A-wide-show-labels", "get", "pods", "-A", "-o", "wide", "--show-labels")
case("pods-label-columns", "get", "pods", "-L", "app", "-L", "tier")
case("pods-label-columns-comma-no-headers", "get", "pods", "-L", "pod-template-hash,app", "--no-headers")
case("pods-named-order", "get", "pods", "crasher", "my-nginx-7c5ddbdf54-2xkqp", "pending-pod")
case("pods-named-missing", "get", "pods", "crasher", "nope")
case("pods-selector-show-kind", "get", "pods", "-l", "app=my-nginx", "--show-kind")
case("pods-kube-system-L", "get", "pods", "-n", "kube-system", "-L", "k8s-app", "--show-kind", "-A")
case("svc", "get", "svc")
case("svc-wide", "get", "svc", "-o", "wide")
case("svc-A", "get", "services", "-A")
case("ep", "get", "ep")
case("endpointslices", "get", "endpointslices")
case("deploy-svc", "get", "deploy,svc")
case("deploy-svc-no-headers", "get", "deploy,svc", "--no-headers")
case("deploy-svc-selector", "get", "deploy,svc", "-l", "run=my-nginx")
case("deploy-svc-none", "get", "deploy,svc", "-l", "app=zzz")
case("all", "get", "all")
case("all-A-wide", "get", "all", "-A", "-o", "wide")
case("pods-nodes-A", "get", "pods,nodes", "-A")
case("nodes-pods-A", "get", "nodes,pods", "-A", "-l", "app=my-nginx")
case("ns-svc-nodes-A", "get", "ns,svc,nodes", "-A")
case("named-types", "get", "svc/my-nginx", "deploy/my-nginx", "pods/crasher", "svc/kubernetes")
case("named-types-one-missing", "get", "svc/my-nginx", "deploy/nope")
case("empty-namespace", "get", "pods", "-n", "nope")
case("nodes-none", "get", "nodes", "-l", "x=y")
case("nodes", "get", "nodes")
case("nodes-wide", "get", "nodes", "-o", "wide")
case("nodes-show-kind-labels", "get", "nodes", "--show-kind", "--show-labels")
case("ns", "get", "ns")
case("secrets", "get", "secrets")
case("cm", "get", "cm")
case("sa", "get", "sa")
case("events", "get", "events")
case("events-wide-show-kind", "get", "events", "-o", "wide", "--show-kind")
case("events-show-kind", "get", "events", "--show-kind")
case("netpol", "get", "netpol")
case("ing", "get", "ing")
case("ingressclass", "get", "ingressclass")
case("lease-A", "get", "lease", "-A")
case("controllerrevisions", "get", "controllerrevisions")
case("hpa", "get", "hpa")
case("pvc-wide", "get", "pvc", "-o", "wide")
case("pv", "get", "pv")
case("pdb", "get", "pdb")
case("rolebindings-wide", "get", "rolebindings", "-o", "wide")
case("clusterrolebindings-wide", "get", "clusterrolebindings", "-o", "wide")
case("priorityclass", "get", "priorityclass")
case("sc", "get", "sc")
case("quota", "get", "quota")
case("roles-clusterroles", "get", "roles,clusterroles")
case("limitrange", "get", "limitrange")
case("jobs-wide", "get", "jobs", "-o", "wide")
case("cronjobs-wide", "get", "cronjobs", "-o", "wide")
case("rs-wide", "get", "rs", "-o", "wide")
case("sts-wide", "get", "sts", "-o", "wide")
case("ds-A-wide", "get", "ds", "-A", "-o", "wide")
case("rc-wide", "get", "rc", "-o", "wide")
case("deploy-wide", "get", "deploy", "-o", "wide")
case("deploy-A-L", "get", "deploy", "-A", "-L", "app", "--show-labels")

# ---- watch: the fact sheet's stream (widths grow, header once) -------------------------------
a = find("Pod", "default", "my-nginx-7c5ddbdf54-2xkqp"); a["metadata"]["namespace"] = "watch"
b = find("Pod", "default", "my-nginx-7c5ddbdf54-9fzvt"); b["metadata"]["namespace"] = "watch"
ca = ["my-nginx-7c5ddbdf54-2xkqp", "1/1", "Running", "0", "12m", "10.244.0.5", "kind-control-plane", "<none>", "<none>"]
cb = ["my-nginx-7c5ddbdf54-9fzvt", "1/1", "Running", "2 (7m20s ago)", "12m", "10.244.0.6", "kind-control-plane", "<none>", "<none>"]
n1 = find("Pod", "default", "creating-pod"); n1["metadata"]["namespace"] = "watch"; n1["metadata"]["name"] = "my-nginx-7c5ddbdf54-longer-name-xyz"
n1["metadata"]["creationTimestamp"] = a["metadata"]["creationTimestamp"]; n1["metadata"]["labels"] = {"app": "my-nginx"}
n1["spec"]["nodeName"] = "kind-control-plane"; n1["status"]["containerStatuses"][0]["name"] = "web"
cn1 = ["my-nginx-7c5ddbdf54-longer-name-xyz", "0/1", "ContainerCreating", "0", "12m", "<none>", "kind-control-plane", "<none>", "<none>"]
n2 = copy.deepcopy(n1); n2["status"] = find("Pod", "default", "my-nginx-7c5ddbdf54-2xkqp")["status"]; n2["status"]["podIP"] = "10.244.0.12"; n2["status"]["podIPs"] = [{"ip": "10.244.0.12"}]
cn2 = ["my-nginx-7c5ddbdf54-longer-name-xyz", "1/1", "Running", "0", "12m", "10.244.0.12", "kind-control-plane", "<none>", "<none>"]
bt = copy.deepcopy(b); bt["metadata"]["deletionTimestamp"] = "2024-05-01T11:59:58Z"; bt["metadata"]["deletionGracePeriodSeconds"] = 30
cbt = ["my-nginx-7c5ddbdf54-9fzvt", "1/1", "Terminating", "2 (7m20s ago)", "12m", "10.244.0.6", "kind-control-plane", "<none>", "<none>"]
lst = [{"kind": "Pod", "object": a, "cells": ca}, {"kind": "Pod", "object": b, "cells": cb}]
evs = [{"type": "ADDED", "kind": "Pod", "object": n1, "cells": cn1}, {"type": "MODIFIED", "kind": "Pod", "object": n2, "cells": cn2},
       {"type": "MODIFIED", "kind": "Pod", "object": bt, "cells": cbt}, {"type": "DELETED", "kind": "Pod", "object": bt, "cells": cbt}]
case("watch-pods", "get", "pods", "-n", "watch", "-w", list=lst, watch=evs)
case("watch-pods-events", "get", "pods", "-n", "watch", "-w", "--output-watch-events", list=lst, watch=evs)
case("watch-pods-wide-L", "get", "pods", "-n", "watch", "-w", "-o", "wide", "-L", "app", list=lst, watch=evs)
case("watch-pods-A-no-headers", "get", "pods", "-A", "-w", "--no-headers", list=lst, watch=evs)
case("watch-only", "get", "pods", "-n", "watch", "--watch-only", list=lst, watch=evs)
case("watch-empty-list", "get", "pods", "-n", "watch", "-w", list=[], watch=evs)
nodes_l = [{"kind": "Node", "object": find("Node", "", "kind-control-plane"), "cells": cells["Node"]["/kind-control-plane"]}]
case("watch-nodes-A", "get", "nodes", "-A", "-w", "--output-watch-events", list=nodes_l, watch=[{"type": "MODIFIED", **nodes_l[0]}])
json.dump(C, open(out + "/cases.json", "w"), indent=1)
print(len(C), "cases")
