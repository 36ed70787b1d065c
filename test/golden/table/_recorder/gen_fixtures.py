# usage: python3 test/golden/table/_recorder/gen_fixtures.py test/golden/table
# Generates test/golden/table/objects.json (realistic API objects) and cells.json (the cells
# printers.go 1.32 produces for each, worked out by hand), all relative to NOW.
import json, copy
NOW = "2024-05-01T12:00:00Z"
OBJS = []      # objects
EXP = {}       # kind -> {key: cells}

def T(h=0, m=0, s=0, d=0):
    # timestamp `d days h hours m minutes s seconds` before NOW
    import datetime
    t = datetime.datetime(2024, 5, 1, 12, 0, 0) - datetime.timedelta(days=d, hours=h, minutes=m, seconds=s)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def meta(name, ns="default", age=None, **kw):
    m = {"name": name}
    if ns: m["namespace"] = ns
    m["uid"] = "uid-" + name
    m["resourceVersion"] = "100"
    m["creationTimestamp"] = age if age else T(m=12)
    m.update(kw)
    return m

def add(kind, api, obj, cells):
    o = {"apiVersion": api, "kind": kind}
    o.update(obj)
    OBJS.append(o)
    key = (o["metadata"].get("namespace", "") + "/" + o["metadata"]["name"])
    EXP.setdefault(kind, {})[key] = cells

def ctr(name="nginx", image="nginx"):
    return {"name": name, "image": image, "imagePullPolicy": "Always", "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}

def podspec(containers, node="kind-control-plane", **kw):
    s = {"containers": containers, "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
         "securityContext": {}, "serviceAccountName": "default", "terminationGracePeriodSeconds": 30}
    if node: s["nodeName"] = node
    s.update(kw)
    return s

def conds(ready=True, scheduled=True, initialized=True, containers_ready=None):
    cr = ready if containers_ready is None else containers_ready
    st = lambda b: "True" if b else "False"
    c = []
    c.append({"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": None, "lastTransitionTime": T(m=11)})
    c.append({"type": "Initialized", "status": st(initialized), "lastProbeTime": None, "lastTransitionTime": T(m=12)})
    c.append({"type": "Ready", "status": st(ready), "lastProbeTime": None, "lastTransitionTime": T(m=11)})
    c.append({"type": "ContainersReady", "status": st(cr), "lastProbeTime": None, "lastTransitionTime": T(m=11)})
    if scheduled: c.append({"type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": T(m=12)})
    return c

def running_cs(name="nginx", image="nginx", restarts=0, last_finished=None, ready=True, started_at=None):
    cs = {"name": name, "image": "docker.io/library/" + image + ":latest", "imageID": "docker.io/library/" + image + "@sha256:abc",
          "containerID": "containerd://" + name, "ready": ready, "restartCount": restarts, "started": True,
          "state": {"running": {"startedAt": started_at or T(m=11)}}, "lastState": {}}
    if last_finished:
        cs["lastState"] = {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": T(m=12), "finishedAt": last_finished, "containerID": "containerd://old"}}
    return cs

def pod(name, spec, status, ns="default", labels=None, **mkw):
    m = meta(name, ns, **mkw)
    if labels: m["labels"] = labels
    return {"metadata": m, "spec": spec, "status": status}

def pstatus(phase="Running", ip="10.244.0.5", cs=None, conditions=None, **kw):
    s = {"phase": phase, "conditions": conditions if conditions is not None else conds(), "hostIP": "172.18.0.2", "hostIPs": [{"ip": "172.18.0.2"}], "qosClass": "BestEffort", "startTime": T(m=12)}
    if ip: s["podIP"] = ip; s["podIPs"] = [{"ip": ip}]
    if cs is not None: s["containerStatuses"] = cs
    s.update(kw)
    return s

L = {"app": "my-nginx", "pod-template-hash": "7c5ddbdf54"}
# --- Pods -------------------------------------------------------------------------------------
add("Pod", "v1", pod("my-nginx-7c5ddbdf54-2xkqp", podspec([ctr()]), pstatus(cs=[running_cs()]), labels=L),
    ["my-nginx-7c5ddbdf54-2xkqp", "1/1", "Running", "0", "12m", "10.244.0.5", "kind-control-plane", "<none>", "<none>"])
add("Pod", "v1", pod("my-nginx-7c5ddbdf54-9fzvt", podspec([ctr()]), pstatus(ip="10.244.0.6", cs=[running_cs(restarts=2, last_finished=T(m=7, s=20))]), labels=L),
    ["my-nginx-7c5ddbdf54-9fzvt", "1/1", "Running", "2 (7m20s ago)", "12m", "10.244.0.6", "kind-control-plane", "<none>", "<none>"])
# fresh pod, not scheduled: no IP, no node, no container statuses
add("Pod", "v1", pod("pending-pod", podspec([ctr()], node=None), {"phase": "Pending", "qosClass": "BestEffort"}, age=T(s=5)),
    ["pending-pod", "0/1", "Pending", "0", "5s", "<none>", "<none>", "<none>", "<none>"])
# scheduled, container being created
add("Pod", "v1", pod("creating-pod", podspec([ctr("web", "httpd")], node="kind-worker"),
    pstatus(phase="Pending", ip=None, conditions=conds(ready=False), cs=[{"name": "web", "image": "httpd", "imageID": "", "ready": False, "restartCount": 0, "started": False,
        "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {}}]), age=T(s=3)),
    ["creating-pod", "0/1", "ContainerCreating", "0", "3s", "<none>", "kind-worker", "<none>", "<none>"])
# crash loop with a recent restart
add("Pod", "v1", pod("crasher", podspec([ctr("app", "busybox")]),
    pstatus(ip="10.244.0.9", conditions=conds(ready=False), cs=[{"name": "app", "image": "busybox", "imageID": "", "ready": False, "restartCount": 4, "started": False,
        "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 1m20s restarting failed container"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": T(s=97), "finishedAt": T(s=95)}}}]), age=T(m=5)),
    ["crasher", "0/1", "CrashLoopBackOff", "4 (95s ago)", "5m", "10.244.0.9", "kind-control-plane", "<none>", "<none>"])
# terminating (deletionTimestamp set, still running)
add("Pod", "v1", pod("my-nginx-7c5ddbdf54-old", podspec([ctr()]), pstatus(ip="10.244.0.7", cs=[running_cs()]), labels=L,
    deletionTimestamp=T(s=10), deletionGracePeriodSeconds=30),
    ["my-nginx-7c5ddbdf54-old", "1/1", "Terminating", "0", "12m", "10.244.0.7", "kind-control-plane", "<none>", "<none>"])
# finished job pod
add("Pod", "v1", pod("pi-x7k2p", podspec([ctr("pi", "perl")], restartPolicy="Never"),
    pstatus(phase="Succeeded", ip="10.244.0.8", conditions=conds(ready=False), cs=[{"name": "pi", "image": "perl", "imageID": "", "ready": False, "restartCount": 0, "started": False,
        "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": T(m=11), "finishedAt": T(m=10)}}, "lastState": {}}]), age=T(h=2, m=3)),
    ["pi-x7k2p", "0/1", "Completed", "0", "123m", "10.244.0.8", "kind-control-plane", "<none>", "<none>"])
# init containers: first done, second running (PodInitializing is not a reason to show)
add("Pod", "v1", pod("init-pod", podspec([ctr("app", "nginx")], initContainers=[ctr("init-a", "busybox"), ctr("init-b", "busybox")]),
    pstatus(phase="Pending", ip="10.244.0.10", conditions=conds(ready=False, initialized=False),
        initContainerStatuses=[
            {"name": "init-a", "image": "busybox", "imageID": "", "ready": True, "restartCount": 0, "started": False, "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": T(m=2), "finishedAt": T(m=1)}}, "lastState": {}},
            {"name": "init-b", "image": "busybox", "imageID": "", "ready": False, "restartCount": 0, "started": True, "state": {"running": {"startedAt": T(m=1)}}, "lastState": {}}],
        cs=[{"name": "app", "image": "nginx", "imageID": "", "ready": False, "restartCount": 0, "started": False, "state": {"waiting": {"reason": "PodInitializing"}}, "lastState": {}}]), age=T(m=2, s=30)),
    ["init-pod", "0/1", "Init:1/2", "0", "2m30s", "10.244.0.10", "kind-control-plane", "<none>", "<none>"])
# init container crash-looping: restarts counted from init containers while initializing
add("Pod", "v1", pod("init-crash", podspec([ctr("app", "nginx")], initContainers=[ctr("wait-db", "busybox")]),
    pstatus(phase="Pending", ip="10.244.0.11", conditions=conds(ready=False, initialized=False),
        initContainerStatuses=[{"name": "wait-db", "image": "busybox", "imageID": "", "ready": False, "restartCount": 3, "started": False,
            "state": {"waiting": {"reason": "CrashLoopBackOff"}}, "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": T(s=50), "finishedAt": T(s=40)}}}],
        cs=[{"name": "app", "image": "nginx", "imageID": "", "ready": False, "restartCount": 0, "started": False, "state": {"waiting": {"reason": "PodInitializing"}}, "lastState": {}}]), age=T(m=3)),
    ["init-crash", "0/1", "Init:CrashLoopBackOff", "3 (40s ago)", "3m", "10.244.0.11", "kind-control-plane", "<none>", "<none>"])
# init container failed without reason, by signal
add("Pod", "v1", pod("init-signal", podspec([ctr("app", "nginx")], initContainers=[ctr("setup", "busybox")]),
    pstatus(phase="Pending", ip="10.244.0.12", conditions=conds(ready=False, initialized=False),
        initContainerStatuses=[{"name": "setup", "image": "busybox", "imageID": "", "ready": False, "restartCount": 0, "started": False,
            "state": {"terminated": {"exitCode": 137, "signal": 9, "startedAt": T(s=50), "finishedAt": T(s=40)}}, "lastState": {}}],
        cs=[{"name": "app", "image": "nginx", "imageID": "", "ready": False, "restartCount": 0, "started": False, "state": {"waiting": {"reason": "PodInitializing"}}, "lastState": {}}]), age=T(m=1)),
    ["init-signal", "0/1", "Init:Signal:9", "0", "60s", "10.244.0.12", "kind-control-plane", "<none>", "<none>"])
# two containers: the first one's state wins (statuses are walked last to first)
add("Pod", "v1", pod("two-containers", podspec([ctr("web", "nginx"), ctr("sidecar", "busybox")]),
    pstatus(ip="10.244.1.3", conditions=conds(ready=False), cs=[
        {"name": "sidecar", "image": "busybox", "imageID": "", "ready": True, "restartCount": 1, "started": True, "state": {"running": {"startedAt": T(m=30)}},
         "lastState": {"terminated": {"exitCode": 2, "reason": "Error", "startedAt": T(h=1), "finishedAt": T(m=30)}}},
        {"name": "web", "image": "nginx:1.99", "imageID": "", "ready": False, "restartCount": 0, "started": False, "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}}, "lastState": {}}]),
    age=T(h=3, m=5)),
    ["two-containers", "1/2", "ImagePullBackOff", "1 (30m ago)", "3h5m", "10.244.1.3", "kind-control-plane", "<none>", "<none>"])
# native sidecar (init container with restartPolicy Always), started and ready
sc = ctr("log-shipper", "fluent-bit"); sc["restartPolicy"] = "Always"
add("Pod", "v1", pod("with-sidecar", podspec([ctr("app", "nginx")], initContainers=[sc]),
    pstatus(ip="10.244.1.4", initContainerStatuses=[{"name": "log-shipper", "image": "fluent-bit", "imageID": "", "ready": True, "restartCount": 1, "started": True,
        "state": {"running": {"startedAt": T(h=1)}}, "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": T(h=2), "finishedAt": T(h=1, m=1)}}}],
        cs=[running_cs("app", "nginx", restarts=2, last_finished=T(h=5))]), age=T(d=2, h=1)),
    ["with-sidecar", "2/2", "Running", "3 (61m ago)", "2d1h", "10.244.1.4", "kind-control-plane", "<none>", "<none>"])
# evicted
add("Pod", "v1", pod("evicted-pod", podspec([ctr()]), {"phase": "Failed", "reason": "Evicted", "message": "The node was low on resource: memory.", "startTime": T(d=3)}, age=T(d=3)),
    ["evicted-pod", "0/1", "Evicted", "0", "3d", "<none>", "kind-control-plane", "<none>", "<none>"])
# readiness gates and nominated node
p = pod("gated", podspec([ctr()], readinessGates=[{"conditionType": "example.com/feature-1"}, {"conditionType": "example.com/feature-2"}]),
    pstatus(ip="10.244.1.5", cs=[running_cs()], nominatedNodeName="kind-worker2",
        conditions=conds() + [{"type": "example.com/feature-1", "status": "True", "lastProbeTime": None, "lastTransitionTime": T(m=1)},
                              {"type": "example.com/feature-2", "status": "False", "lastProbeTime": None, "lastTransitionTime": T(m=1)}]), age=T(d=9))
add("Pod", "v1", p, ["gated", "1/1", "Running", "0", "9d", "10.244.1.5", "kind-control-plane", "kind-worker2", "1/2"])
# scheduling gated
add("Pod", "v1", pod("sched-gated", podspec([ctr()], node=None, schedulingGates=[{"name": "example.com/gate"}]),
    {"phase": "Pending", "qosClass": "BestEffort", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated",
        "message": "Scheduling is blocked due to non-empty scheduling gates", "lastProbeTime": None, "lastTransitionTime": T(m=40)}]}, age=T(m=40)),
    ["sched-gated", "0/1", "SchedulingGated", "0", "40m", "<none>", "<none>", "<none>", "<none>"])
# node lost while deleting
add("Pod", "v1", pod("lost-pod", podspec([ctr()], node="kind-worker3"), pstatus(ip="10.244.3.2", reason="NodeLost", cs=[running_cs()]),
    age=T(d=400), deletionTimestamp=T(m=2), deletionGracePeriodSeconds=30),
    ["lost-pod", "1/1", "Unknown", "0", "400d", "10.244.3.2", "kind-worker3", "<none>", "<none>"])
# a container completed, another one still running: Running if the pod is Ready, else NotReady
def done_cs(name):
    return {"name": name, "image": "busybox", "imageID": "", "ready": False, "restartCount": 0, "started": False,
            "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": T(m=20), "finishedAt": T(m=19)}}, "lastState": {}}
add("Pod", "v1", pod("half-done", podspec([ctr("job", "busybox"), ctr("proxy", "envoy")]), pstatus(ip="10.244.1.6", cs=[done_cs("job"), running_cs("proxy", "envoy")]), age=T(m=20)),
    ["half-done", "1/2", "Running", "0", "20m", "10.244.1.6", "kind-control-plane", "<none>", "<none>"])
add("Pod", "v1", pod("half-done-notready", podspec([ctr("job", "busybox"), ctr("proxy", "envoy")]), pstatus(ip="10.244.1.7", conditions=conds(ready=False), cs=[done_cs("job"), running_cs("proxy", "envoy")]), age=T(m=20)),
    ["half-done-notready", "1/2", "NotReady", "0", "20m", "10.244.1.7", "kind-control-plane", "<none>", "<none>"])
# terminated without a reason
add("Pod", "v1", pod("exit-code", podspec([ctr("app", "busybox")], restartPolicy="Never"),
    pstatus(phase="Failed", ip="10.244.1.8", conditions=conds(ready=False), cs=[{"name": "app", "image": "busybox", "imageID": "", "ready": False, "restartCount": 0, "started": False,
        "state": {"terminated": {"exitCode": 3, "startedAt": T(m=9), "finishedAt": T(m=8)}}, "lastState": {}}]), age=T(m=9, s=59)),
    ["exit-code", "0/1", "ExitCode:3", "0", "9m59s", "10.244.1.8", "kind-control-plane", "<none>", "<none>"])
# kube-system pod with labels (for -A and -L)
add("Pod", "v1", pod("coredns-76f75df574-abcde", podspec([ctr("coredns", "registry.k8s.io/coredns/coredns:v1.11.1")]),
    pstatus(ip="10.244.0.2", cs=[running_cs("coredns", "coredns")]), ns="kube-system", labels={"k8s-app": "kube-dns", "pod-template-hash": "76f75df574"}, age=T(d=20)),
    ["coredns-76f75df574-abcde", "1/1", "Running", "0", "20d", "10.244.0.2", "kind-control-plane", "<none>", "<none>"])

# --- Services ---------------------------------------------------------------------------------
def svc(name, spec, status=None, ns="default", labels=None, age=None):
    m = meta(name, ns, age=age)
    if labels: m["labels"] = labels
    s = {"sessionAffinity": "None", "internalTrafficPolicy": "Cluster"}
    s.update(spec)
    return {"metadata": m, "spec": s, "status": status or {"loadBalancer": {}}}
def port(p, tp=None, proto="TCP", node=None, name=None):
    d = {}
    if name: d["name"] = name
    d["port"] = p; d["protocol"] = proto; d["targetPort"] = tp if tp is not None else p
    if node: d["nodePort"] = node
    return d
add("Service", "v1", svc("kubernetes", {"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "ports": [port(443, 6443, name="https")]},
    labels={"component": "apiserver", "provider": "kubernetes"}, age=T(d=20)),
    ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "20d", "<none>"])
add("Service", "v1", svc("my-nginx", {"type": "NodePort", "clusterIP": "10.96.120.15", "clusterIPs": ["10.96.120.15"], "ports": [port(80, node=31202)], "selector": {"run": "my-nginx"}, "externalTrafficPolicy": "Cluster"},
    labels={"run": "my-nginx"}, age=T(m=7, s=36)),
    ["my-nginx", "NodePort", "10.96.120.15", "<none>", "80:31202/TCP", "7m36s", "run=my-nginx"])
add("Service", "v1", svc("my-lb", {"type": "LoadBalancer", "clusterIP": "10.96.5.6", "clusterIPs": ["10.96.5.6"], "ports": [port(80, 8080, node=30080, name="http"), port(443, 8443, node=30443, name="https")],
    "selector": {"app": "my-lb", "tier": "web"}}, {"loadBalancer": {"ingress": [{"ip": "172.18.255.200", "ipMode": "VIP"}]}}, age=T(m=7, s=36)),
    ["my-lb", "LoadBalancer", "10.96.5.6", "172.18.255.200", "80:30080/TCP,443:30443/TCP", "7m36s", "app=my-lb,tier=web"])
add("Service", "v1", svc("lb-pending", {"type": "LoadBalancer", "clusterIP": "10.96.33.4", "clusterIPs": ["10.96.33.4"], "ports": [port(8080, node=32000)], "selector": {"app": "x"}}, age=T(s=30)),
    ["lb-pending", "LoadBalancer", "10.96.33.4", "<pending>", "8080:32000/TCP", "30s", "app=x"])
add("Service", "v1", svc("lb-multi", {"type": "LoadBalancer", "clusterIP": "10.96.33.5", "clusterIPs": ["10.96.33.5"], "externalIPs": ["198.51.100.7"], "ports": [port(53, proto="UDP", node=30053)], "selector": {"app": "dns"}},
    {"loadBalancer": {"ingress": [{"ip": "203.0.113.9"}, {"hostname": "lb.example.com"}, {"ip": "203.0.113.10"}, {"ip": "203.0.113.9"}]}}, age=T(h=4)),
    ["lb-multi", "LoadBalancer", "10.96.33.5", "203.0.113.10,203.0.113.9,lb.example.com,198.51.100.7", "53:30053/UDP", "4h", "app=dns"])
add("Service", "v1", svc("external-db", {"type": "ExternalName", "externalName": "db.example.com"}, age=T(h=30)),
    ["external-db", "ExternalName", "<none>", "db.example.com", "<none>", "30h", "<none>"])
add("Service", "v1", svc("web-headless", {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "ports": [port(80, name="web")], "selector": {"app": "web"}}, age=T(d=7, h=23)),
    ["web-headless", "ClusterIP", "None", "<none>", "80/TCP", "7d23h", "app=web"])
add("Service", "v1", svc("multi-port", {"type": "ClusterIP", "clusterIP": "10.96.77.8", "clusterIPs": ["10.96.77.8"], "externalIPs": ["192.0.2.10", "192.0.2.11"],
    "ports": [port(80, 8080, name="http"), port(443, 8443, name="https"), port(9090, proto="SCTP", name="metrics")], "selector": {"app": "multi"}}, age=T(d=800)),
    ["multi-port", "ClusterIP", "10.96.77.8", "192.0.2.10,192.0.2.11", "80/TCP,443/TCP,9090/SCTP", "2y70d", "app=multi"])
add("Service", "v1", svc("kube-dns", {"type": "ClusterIP", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
    "ports": [port(53, 53, "UDP", name="dns"), port(53, 53, name="dns-tcp"), port(9153, name="metrics")], "selector": {"k8s-app": "kube-dns"}}, ns="kube-system",
    labels={"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"}, age=T(d=20)),
    ["kube-dns", "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP,9153/TCP", "20d", "k8s-app=kube-dns"])

# --- Endpoints --------------------------------------------------------------------------------
def ep(name, subsets, ns="default", age=None, labels=None):
    m = meta(name, ns, age=age)
    if labels: m["labels"] = labels
    o = {"metadata": m}
    if subsets is not None: o["subsets"] = subsets
    return o
def addr(ip, pod=None, node="kind-control-plane"):
    a = {"ip": ip, "nodeName": node}
    if pod: a["targetRef"] = {"kind": "Pod", "name": pod, "namespace": "default", "uid": "uid-" + pod}
    return a
add("Endpoints", "v1", ep("kubernetes", [{"addresses": [{"ip": "172.18.0.2"}], "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}], age=T(d=20), labels={"endpointslice.kubernetes.io/skip-mirror": "true"}),
    ["kubernetes", "172.18.0.2:6443", "20d"])
add("Endpoints", "v1", ep("my-nginx", [{"addresses": [addr("10.244.0.5", "a"), addr("10.244.0.6", "b"), addr("10.244.0.9", "c")], "ports": [{"port": 80, "protocol": "TCP"}]}], age=T(m=7, s=25)),
    ["my-nginx", "10.244.0.5:80,10.244.0.6:80,10.244.0.9:80", "7m25s"])
add("Endpoints", "v1", ep("big", [{"addresses": [addr("10.244.1.%d" % i) for i in range(1, 11)], "ports": [{"port": 8080, "protocol": "TCP"}]}], age=T(h=1)),
    ["big", "10.244.1.1:8080,10.244.1.2:8080,10.244.1.3:8080 + 7 more...", "60m"])
add("Endpoints", "v1", ep("two-ports", [{"addresses": [addr("10.244.2.%d" % i) for i in range(1, 6)], "ports": [{"name": "http", "port": 80, "protocol": "TCP"}, {"name": "https", "port": 443, "protocol": "TCP"}]}], age=T(h=1)),
    ["two-ports", "10.244.2.1:80,10.244.2.2:80,10.244.2.3:80 + 7 more...", "60m"])
add("Endpoints", "v1", ep("starting", [{"notReadyAddresses": [addr("10.244.0.20"), addr("10.244.0.21")], "ports": [{"port": 8888, "protocol": "TCP"}]}], age=T(s=4)),
    ["starting", "", "4s"])
add("Endpoints", "v1", ep("no-pods", None, age=T(m=3)), ["no-pods", "<none>", "3m"])
add("Endpoints", "v1", ep("mixed", [{"addresses": [addr("10.244.0.30")], "notReadyAddresses": [addr("10.244.0.31")], "ports": [{"port": 80, "protocol": "TCP"}]}], age=T(m=3)),
    ["mixed", "10.244.0.30:80", "3m"])
add("Endpoints", "v1", ep("headless-noports", [{"addresses": [addr("10.244.0.40"), addr("10.244.0.41")]}], age=T(m=3)),
    ["headless-noports", "10.244.0.40,10.244.0.41", "3m"])
add("Endpoints", "v1", ep("ipv6", [{"addresses": [addr("fd00:10:244::5")], "ports": [{"port": 80, "protocol": "TCP"}]}], age=T(m=3)),
    ["ipv6", "[fd00:10:244::5]:80", "3m"])

# --- EndpointSlices ---------------------------------------------------------------------------
def eps(name, ports, endpoints, svcname, addressType="IPv4", age=None):
    m = meta(name, "default", age=age, labels={"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": svcname},
             generateName=svcname + "-")
    o = {"metadata": m, "addressType": addressType, "endpoints": endpoints}
    if ports is not None: o["ports"] = ports
    return o
def epe(ip, ready=True):
    return {"addresses": [ip], "conditions": {"ready": ready, "serving": ready, "terminating": False}, "nodeName": "kind-control-plane"}
add("EndpointSlice", "discovery.k8s.io/v1", eps("my-nginx-h7x2k", [{"name": "", "port": 80, "protocol": "TCP"}], [epe("10.244.0.5"), epe("10.244.0.6"), epe("10.244.0.9")], "my-nginx", age=T(m=7, s=25)),
    ["my-nginx-h7x2k", "IPv4", "80", "10.244.0.5,10.244.0.6,10.244.0.9", "7m25s"])
add("EndpointSlice", "discovery.k8s.io/v1", eps("big-abcde", [{"name": "a", "port": 1, "protocol": "TCP"}, {"name": "b", "port": 2, "protocol": "TCP"}, {"name": "c", "protocol": "TCP"}, {"port": 4, "protocol": "TCP"}, {"port": 5, "protocol": "TCP"}],
    [epe("10.244.1.%d" % i, i % 2 == 0) for i in range(1, 6)], "big", age=T(h=1)),
    ["big-abcde", "IPv4", "1,2,c + 2 more...", "10.244.1.1,10.244.1.2,10.244.1.3 + 2 more...", "60m"])
add("EndpointSlice", "discovery.k8s.io/v1", eps("empty-zzzzz", None, [], "no-pods", age=T(m=3)),
    ["empty-zzzzz", "IPv4", "<unset>", "<unset>", "3m"])
add("EndpointSlice", "discovery.k8s.io/v1", eps("anyport-q1w2e", [{"protocol": "TCP"}], [epe("10.244.0.99", False)], "x", age=T(m=3)),
    ["anyport-q1w2e", "IPv4", "*", "10.244.0.99", "3m"])

# --- Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers ---------------
def tmpl(labels, containers):
    return {"metadata": {"labels": labels}, "spec": podspec(containers, node=None)}
def deploy(name, replicas, status, containers, sel, ns="default", age=None, labels=None):
    m = meta(name, ns, age=age, generation=1, annotations={"deployment.kubernetes.io/revision": "1"})
    if labels: m["labels"] = labels
    return {"metadata": m, "spec": {"replicas": replicas, "selector": sel, "template": tmpl(sel.get("matchLabels", {"app": name}), containers),
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600}, "status": status}
add("Deployment", "apps/v1", deploy("my-nginx", 2, {"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2}, [ctr()], {"matchLabels": {"app": "my-nginx"}}, labels={"app": "my-nginx"}),
    ["my-nginx", "2/2", "2", "2", "12m", "nginx", "nginx", "app=my-nginx"])
add("Deployment", "apps/v1", deploy("httpenv", 3, {"observedGeneration": 1, "replicas": 3, "updatedReplicas": 3, "unavailableReplicas": 3}, [ctr("httpenv", "jpetazzo/httpenv")], {"matchLabels": {"app": "httpenv"}}, age=T(s=2)),
    ["httpenv", "0/3", "3", "0", "2s", "httpenv", "jpetazzo/httpenv", "app=httpenv"])
add("Deployment", "apps/v1", deploy("web", 1, {"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1},
    [ctr("web", "nginx:1.25"), ctr("metrics", "prom/exporter")], {"matchLabels": {"tier": "front", "app": "web"}, "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "dev"]}, {"key": "canary", "operator": "DoesNotExist"}]}, age=T(d=1)),
    ["web", "1/1", "1", "1", "24h", "web,metrics", "nginx:1.25,prom/exporter", "app=web,!canary,env in (dev,prod),tier=front"])
add("Deployment", "apps/v1", deploy("coredns", 2, {"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2},
    [ctr("coredns", "registry.k8s.io/coredns/coredns:v1.11.1")], {"matchLabels": {"k8s-app": "kube-dns"}}, ns="kube-system", age=T(d=20), labels={"k8s-app": "kube-dns"}),
    ["coredns", "2/2", "2", "2", "20d", "coredns", "registry.k8s.io/coredns/coredns:v1.11.1", "k8s-app=kube-dns"])

def rs(name, replicas, status, containers, sel, owner, age=None):
    m = meta(name, "default", age=age, labels=sel["matchLabels"], ownerReferences=[{"apiVersion": "apps/v1", "kind": "Deployment", "name": owner, "uid": "uid-" + owner, "controller": True, "blockOwnerDeletion": True}])
    return {"metadata": m, "spec": {"replicas": replicas, "selector": sel, "template": tmpl(sel["matchLabels"], containers)}, "status": status}
add("ReplicaSet", "apps/v1", rs("my-nginx-7c5ddbdf54", 2, {"replicas": 2, "fullyLabeledReplicas": 2, "readyReplicas": 2, "availableReplicas": 2, "observedGeneration": 1}, [ctr()],
    {"matchLabels": {"app": "my-nginx", "pod-template-hash": "7c5ddbdf54"}}, "my-nginx"),
    ["my-nginx-7c5ddbdf54", "2", "2", "2", "12m", "nginx", "nginx", "app=my-nginx,pod-template-hash=7c5ddbdf54"])
add("ReplicaSet", "apps/v1", rs("httpenv-6fdc8554fb", 3, {"replicas": 3, "fullyLabeledReplicas": 3, "observedGeneration": 1}, [ctr("httpenv", "jpetazzo/httpenv")],
    {"matchLabels": {"app": "httpenv", "pod-template-hash": "6fdc8554fb"}}, "httpenv", age=T(s=2)),
    ["httpenv-6fdc8554fb", "3", "3", "0", "2s", "httpenv", "jpetazzo/httpenv", "app=httpenv,pod-template-hash=6fdc8554fb"])
add("ReplicaSet", "apps/v1", rs("my-nginx-5b56ccd65f", 0, {"replicas": 0, "observedGeneration": 2}, [ctr("nginx", "nginx:1.24")],
    {"matchLabels": {"app": "my-nginx", "pod-template-hash": "5b56ccd65f"}}, "my-nginx", age=T(h=1)),
    ["my-nginx-5b56ccd65f", "0", "0", "0", "60m", "nginx", "nginx:1.24", "app=my-nginx,pod-template-hash=5b56ccd65f"])

add("StatefulSet", "apps/v1", {"metadata": meta("web", age=T(m=3)), "spec": {"replicas": 3, "serviceName": "web-headless", "selector": {"matchLabels": {"app": "web"}},
    "template": tmpl({"app": "web"}, [ctr("nginx", "registry.k8s.io/nginx-slim:0.8")]), "podManagementPolicy": "OrderedReady", "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}},
    "status": {"replicas": 2, "readyReplicas": 2, "currentReplicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "observedGeneration": 1}},
    ["web", "2/3", "3m", "nginx", "registry.k8s.io/nginx-slim:0.8"])
add("StatefulSet", "apps/v1", {"metadata": meta("db", age=T(m=3)), "spec": {"replicas": 1, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
    "template": tmpl({"app": "db"}, [ctr("postgres", "postgres:16")])}, "status": {"replicas": 0, "observedGeneration": 1}},
    ["db", "0/1", "3m", "postgres", "postgres:16"])

add("DaemonSet", "apps/v1", {"metadata": meta("kube-proxy", "kube-system", age=T(d=20), labels={"k8s-app": "kube-proxy"}), "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
    "template": tmpl({"k8s-app": "kube-proxy"}, [ctr("kube-proxy", "registry.k8s.io/kube-proxy:v1.32.0")]) | {"spec": podspec([ctr("kube-proxy", "registry.k8s.io/kube-proxy:v1.32.0")], node=None, nodeSelector={"kubernetes.io/os": "linux"})},
    "updateStrategy": {"type": "RollingUpdate"}},
    "status": {"currentNumberScheduled": 3, "desiredNumberScheduled": 3, "numberAvailable": 3, "numberMisscheduled": 0, "numberReady": 3, "observedGeneration": 1, "updatedNumberScheduled": 3}},
    ["kube-proxy", "3", "3", "3", "3", "3", "kubernetes.io/os=linux", "20d", "kube-proxy", "registry.k8s.io/kube-proxy:v1.32.0", "k8s-app=kube-proxy"])
add("DaemonSet", "apps/v1", {"metadata": meta("node-agent", age=T(s=1)), "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": tmpl({"app": "agent"}, [ctr("agent", "busybox")])},
    "status": {"currentNumberScheduled": 0, "desiredNumberScheduled": 2, "numberMisscheduled": 0, "numberReady": 0, "observedGeneration": 1}},
    ["node-agent", "2", "0", "0", "0", "0", "<none>", "1s", "agent", "busybox", "app=agent"])

add("ReplicationController", "v1", {"metadata": meta("legacy", age=T(h=2)), "spec": {"replicas": 2, "selector": {"app": "legacy"}, "template": tmpl({"app": "legacy"}, [ctr("web", "nginx")])},
    "status": {"replicas": 2, "readyReplicas": 1, "availableReplicas": 1, "fullyLabeledReplicas": 2, "observedGeneration": 1}},
    ["legacy", "2", "2", "1", "120m", "web", "nginx", "app=legacy"])

add("ControllerRevision", "apps/v1", {"metadata": meta("web-7b4c8f5d9", age=T(m=3), labels={"app": "web", "controller-revision-hash": "7b4c8f5d9"},
    ownerReferences=[{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "uid-web", "controller": True, "blockOwnerDeletion": True}]), "data": {"spec": {}}, "revision": 1},
    ["web-7b4c8f5d9", "statefulset.apps/web", "1", "3m"])
add("ControllerRevision", "apps/v1", {"metadata": meta("orphan-rev", age=T(m=3)), "data": {}, "revision": 4}, ["orphan-rev", "<none>", "4", "3m"])

# --- Jobs, CronJobs ---------------------------------------------------------------------------
def job(name, spec, status, age=None):
    uid = "uid-" + name
    sel = {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}
    s = {"backoffLimit": 6, "completionMode": "NonIndexed", "selector": sel, "suspend": False,
         "template": tmpl({"batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "job-name": name}, [ctr("pi", "perl:5.34.0")])}
    s.update(spec)
    return {"metadata": meta(name, age=age), "spec": s, "status": status}
add("Job", "batch/v1", job("pi", {"completions": 1, "parallelism": 1}, {"startTime": T(h=2, m=3), "completionTime": T(h=2, m=2, s=20), "succeeded": 1, "ready": 0, "terminating": 0,
    "conditions": [{"type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": T(h=2), "lastTransitionTime": T(h=2)}, {"type": "Complete", "status": "True", "lastProbeTime": T(h=2), "lastTransitionTime": T(h=2)}]}, age=T(h=2, m=3)),
    ["pi", "Complete", "1/1", "40s", "123m", "pi", "perl:5.34.0", "batch.kubernetes.io/controller-uid=uid-pi"])
add("Job", "batch/v1", job("batch-run", {"completions": 5, "parallelism": 2}, {"startTime": T(m=4), "active": 2, "succeeded": 2, "ready": 2, "terminating": 0}, age=T(m=4)),
    ["batch-run", "Running", "2/5", "4m", "4m", "pi", "perl:5.34.0", "batch.kubernetes.io/controller-uid=uid-batch-run"])
add("Job", "batch/v1", job("work-queue", {"parallelism": 3}, {"startTime": T(m=1), "active": 3, "ready": 0}, age=T(m=1)),
    ["work-queue", "Running", "0/1 of 3", "60s", "60s", "pi", "perl:5.34.0", "batch.kubernetes.io/controller-uid=uid-work-queue"])
add("Job", "batch/v1", job("failing", {"completions": 1, "parallelism": 1, "backoffLimit": 1}, {"startTime": T(m=9), "failed": 2,
    "conditions": [{"type": "FailureTarget", "status": "True", "reason": "BackoffLimitExceeded"}, {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}, age=T(m=9)),
    ["failing", "Failed", "0/1", "9m", "9m", "pi", "perl:5.34.0", "batch.kubernetes.io/controller-uid=uid-failing"])
add("Job", "batch/v1", job("paused", {"completions": 1, "parallelism": 1, "suspend": True}, {"conditions": [{"type": "Suspended", "status": "True", "reason": "JobSuspended"}]}, age=T(m=9)),
    ["paused", "Suspended", "0/1", "", "9m", "pi", "perl:5.34.0", "batch.kubernetes.io/controller-uid=uid-paused"])

add("CronJob", "batch/v1", {"metadata": meta("hello", age=T(m=30)), "spec": {"schedule": "*/1 * * * *", "suspend": False, "concurrencyPolicy": "Allow", "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
    "jobTemplate": {"metadata": {}, "spec": {"template": tmpl({}, [ctr("hello", "busybox:1.28")])}}}, "status": {"active": [{"kind": "Job", "name": "hello-28577030", "namespace": "default"}], "lastScheduleTime": T(s=20), "lastSuccessfulTime": T(m=1)}},
    ["hello", "*/1 * * * *", "<none>", "False", "1", "20s", "30m", "hello", "busybox:1.28", "<none>"])
add("CronJob", "batch/v1", {"metadata": meta("nightly", age=T(d=2)), "spec": {"schedule": "0 3 * * *", "timeZone": "Europe/Paris", "suspend": True, "concurrencyPolicy": "Forbid",
    "jobTemplate": {"metadata": {}, "spec": {"template": tmpl({}, [ctr("backup", "backup:1"), ctr("notify", "curl")])}}}, "status": {}},
    ["nightly", "0 3 * * *", "Europe/Paris", "True", "0", "<none>", "2d", "backup,notify", "backup:1,curl", "<none>"])

# --- Nodes ------------------------------------------------------------------------------------
def node(name, labels, ready, unsched=False, age=None, addrs=None, info=None, extra_conds=True):
    conds_ = []
    if extra_conds:
        for t in ("MemoryPressure", "DiskPressure", "PIDPressure"):
            conds_.append({"type": t, "status": "False", "lastHeartbeatTime": T(s=30), "lastTransitionTime": T(d=20), "reason": "Kubelet" + t.replace("Pressure", "") + "Sufficient", "message": "ok"})
    if ready is not None:
        conds_.append({"type": "Ready", "status": ready, "lastHeartbeatTime": T(s=30), "lastTransitionTime": T(d=20), "reason": "KubeletReady", "message": "kubelet is posting ready status"})
    ni = {"architecture": "amd64", "bootID": "b", "containerRuntimeVersion": "containerd://1.7.18", "kernelVersion": "6.8.0-45-generic", "kubeProxyVersion": "v1.32.0",
          "kubeletVersion": "v1.32.0", "machineID": "m", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": "s"}
    if info is not None: ni = info
    spec = {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"], "providerID": "kind://docker/kind/" + name}
    if unsched:
        spec["unschedulable"] = True
        spec["taints"] = [{"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "timeAdded": T(m=5)}]
    return {"metadata": meta(name, None, age=age, labels=labels), "spec": spec,
            "status": {"addresses": addrs if addrs is not None else [{"type": "InternalIP", "address": "172.18.0.2"}, {"type": "Hostname", "address": name}],
                       "conditions": conds_, "nodeInfo": ni}}
base = lambda n: {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": n, "kubernetes.io/os": "linux"}
add("Node", "v1", node("kind-control-plane", base("kind-control-plane") | {"node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": ""}, "True", age=T(d=20)),
    ["kind-control-plane", "Ready", "control-plane", "20d", "v1.32.0", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.8.0-45-generic", "containerd://1.7.18"])
add("Node", "v1", node("kind-worker", base("kind-worker"), "True", age=T(d=20), addrs=[{"type": "InternalIP", "address": "172.18.0.3"}, {"type": "ExternalIP", "address": "203.0.113.3"}, {"type": "InternalIP", "address": "172.18.0.33"}]),
    ["kind-worker", "Ready", "<none>", "20d", "v1.32.0", "172.18.0.3", "203.0.113.3", "Debian GNU/Linux 12 (bookworm)", "6.8.0-45-generic", "containerd://1.7.18"])
add("Node", "v1", node("kind-worker2", base("kind-worker2") | {"node-role.kubernetes.io/worker": "", "kubernetes.io/role": "ingress", "node-role.kubernetes.io/": "x"}, "True", unsched=True, age=T(d=20)),
    ["kind-worker2", "Ready,SchedulingDisabled", "ingress,worker", "20d", "v1.32.0", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.8.0-45-generic", "containerd://1.7.18"])
add("Node", "v1", node("kind-worker3", base("kind-worker3") | {"kubernetes.io/role": ""}, "Unknown", age=T(d=400)),
    ["kind-worker3", "NotReady", "<none>", "400d", "v1.32.0", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.8.0-45-generic", "containerd://1.7.18"])
add("Node", "v1", node("new-node", {"kubernetes.io/hostname": "new-node"}, None, unsched=True, age=T(s=1), addrs=[], info={}, extra_conds=False),
    ["new-node", "Unknown,SchedulingDisabled", "<none>", "1s", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"])

# --- Namespaces, Secrets, ConfigMaps, ServiceAccounts ---------------------------------------
for n, ph, a in (("default", "Active", T(d=20)), ("kube-system", "Active", T(d=20)), ("old-project", "Terminating", T(d=3000))):
    o = {"metadata": meta(n, None, age=a, labels={"kubernetes.io/metadata.name": n}), "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": ph}}
    if ph == "Terminating": o["metadata"]["deletionTimestamp"] = T(m=1)
    add("Namespace", "v1", o, [n, ph, {"default": "20d", "kube-system": "20d", "old-project": "8y"}[n]])
add("Secret", "v1", {"metadata": meta("db-creds", age=T(m=1)), "type": "Opaque", "data": {"username": "YWRtaW4=", "password": "czNjcjN0"}}, ["db-creds", "Opaque", "2", "60s"])
add("Secret", "v1", {"metadata": meta("tls-cert", age=T(d=100)), "type": "kubernetes.io/tls", "data": {"tls.crt": "Y2VydA==", "tls.key": "a2V5"}}, ["tls-cert", "kubernetes.io/tls", "2", "100d"])
add("Secret", "v1", {"metadata": meta("regcred", age=T(h=10)), "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "e30="}}, ["regcred", "kubernetes.io/dockerconfigjson", "1", "10h"])
add("Secret", "v1", {"metadata": meta("empty", age=T(h=10)), "type": "Opaque"}, ["empty", "Opaque", "0", "10h"])
add("ConfigMap", "v1", {"metadata": meta("kube-root-ca.crt", age=T(d=20), annotations={"kubernetes.io/description": "Contains a CA bundle"}), "data": {"ca.crt": "-----BEGIN CERTIFICATE-----\n..."}}, ["kube-root-ca.crt", "1", "20d"])
add("ConfigMap", "v1", {"metadata": meta("app-config", age=T(m=2)), "data": {"a": "1", "b": "2"}, "binaryData": {"logo.png": "iVBORw0K"}}, ["app-config", "3", "2m"])
add("ConfigMap", "v1", {"metadata": meta("nothing", age=T(m=2))}, ["nothing", "0", "2m"])
add("ServiceAccount", "v1", {"metadata": meta("default", age=T(d=20))}, ["default", "0", "20d"])
add("ServiceAccount", "v1", {"metadata": meta("builder", age=T(d=20)), "secrets": [{"name": "builder-token"}], "imagePullSecrets": [{"name": "regcred"}]}, ["builder", "1", "20d"])

# --- Events -----------------------------------------------------------------------------------
def event(name, io, reason, message, typ="Normal", first=None, last=None, count=None, source=None, **kw):
    o = {"metadata": meta(name, age=first or (kw.get("eventTime") or "")[:19] + "Z"), "involvedObject": io, "reason": reason, "message": message, "type": typ,
         "firstTimestamp": first, "lastTimestamp": last, "reportingComponent": "", "reportingInstance": ""}
    if count is not None: o["count"] = count
    if source is not None: o["source"] = source
    o.update(kw)
    return o
pio = {"kind": "Pod", "namespace": "default", "name": "my-nginx-7c5ddbdf54-2xkqp", "uid": "uid-my-nginx-7c5ddbdf54-2xkqp", "apiVersion": "v1", "resourceVersion": "555", "fieldPath": "spec.containers{nginx}"}
add("Event", "v1", event("my-nginx-7c5ddbdf54-2xkqp.17c8a1b2c3d4e5f6", {k: v for k, v in pio.items() if k != "fieldPath"}, "Scheduled", "Successfully assigned default/my-nginx-7c5ddbdf54-2xkqp to kind-control-plane",
    source={}, eventTime="2024-05-01T11:48:00.123456Z", reportingComponent="default-scheduler", reportingInstance="default-scheduler-kind-control-plane", action="Binding"),
    ["11m", "Normal", "Scheduled", "pod/my-nginx-7c5ddbdf54-2xkqp", "", "default-scheduler, default-scheduler-kind-control-plane", "Successfully assigned default/my-nginx-7c5ddbdf54-2xkqp to kind-control-plane", "11m", "1", "my-nginx-7c5ddbdf54-2xkqp.17c8a1b2c3d4e5f6"])
add("Event", "v1", event("my-nginx-7c5ddbdf54-2xkqp.17c8a1b2c3d4e5f7", pio, "Pulled", "Successfully pulled image \"nginx\" in 2.1s (2.1s including waiting). Image size: 72080558 bytes.",
    first=T(m=11, s=50), last=T(m=11, s=50), count=1, source={"component": "kubelet", "host": "kind-control-plane"}),
    ["11m", "Normal", "Pulled", "pod/my-nginx-7c5ddbdf54-2xkqp", "spec.containers{nginx}", "kubelet, kind-control-plane", "Successfully pulled image \"nginx\" in 2.1s (2.1s including waiting). Image size: 72080558 bytes.", "11m", "1", "my-nginx-7c5ddbdf54-2xkqp.17c8a1b2c3d4e5f7"])
add("Event", "v1", event("crasher.17c8a1b2c3d4e600", {"kind": "Pod", "namespace": "default", "name": "crasher", "uid": "uid-crasher", "apiVersion": "v1", "fieldPath": "spec.containers{app}"}, "BackOff",
    "Back-off restarting failed container app in pod crasher_default(uid-crasher)", typ="Warning", first=T(m=4, s=30), last=T(s=15), count=19, source={"component": "kubelet", "host": "kind-control-plane"}),
    ["15s", "Warning", "BackOff", "pod/crasher", "spec.containers{app}", "kubelet, kind-control-plane", "Back-off restarting failed container app in pod crasher_default(uid-crasher)", "4m30s", "19", "crasher.17c8a1b2c3d4e600"])
add("Event", "v1", event("my-nginx.17c8a1b2c3d4e601", {"kind": "Deployment", "namespace": "default", "name": "my-nginx", "uid": "uid-my-nginx", "apiVersion": "apps/v1", "resourceVersion": "1"}, "ScalingReplicaSet",
    "Scaled up replica set my-nginx-7c5ddbdf54 to 2\n", first=T(m=12), last=T(m=12), count=1, source={"component": "deployment-controller"}),
    ["12m", "Normal", "ScalingReplicaSet", "deployment/my-nginx", "", "deployment-controller", "Scaled up replica set my-nginx-7c5ddbdf54 to 2", "12m", "1", "my-nginx.17c8a1b2c3d4e601"])
add("Event", "v1", event("my-lb.17c8a1b2c3d4e602", {"kind": "Service", "namespace": "default", "name": "my-lb", "uid": "uid-my-lb", "apiVersion": "v1"}, "EnsuredLoadBalancer",
    "Ensured load balancer", first=T(m=7, s=30), last=T(m=7, s=30), count=1, source={"component": "service-controller"}),
    ["7m30s", "Normal", "EnsuredLoadBalancer", "service/my-lb", "", "service-controller", "Ensured load balancer", "7m30s", "1", "my-lb.17c8a1b2c3d4e602"])
add("Event", "v1", event("series.17c8a1b2c3d4e603", {"kind": "Node", "name": "kind-worker3", "uid": "kind-worker3", "apiVersion": "v1"}, "NodeNotReady", "Node kind-worker3 status is now: NodeNotReady",
    typ="Warning", source={}, eventTime="2024-05-01T10:00:00.000000Z", reportingComponent="node-controller", reportingInstance="",
    series={"count": 7, "lastObservedTime": "2024-05-01T11:59:02.500000Z"}),
    ["57s", "Warning", "NodeNotReady", "node/kind-worker3", "", "node-controller", "Node kind-worker3 status is now: NodeNotReady", "120m", "7", "series.17c8a1b2c3d4e603"])
add("Event", "v1", event("nokind.17c8a1b2c3d4e604", {"kind": "ClusterPolicy", "apiVersion": "example.com/v1"}, "Multi", "line one\nline two", first=T(m=1), count=0, source={"component": "x"}),
    ["60s", "Normal", "Multi", "clusterpolicy", "", "x", "line one\nline two", "60s", "1", "nokind.17c8a1b2c3d4e604"])

# --- NetworkPolicies, Ingresses, IngressClasses ----------------------------------------------
add("NetworkPolicy", "networking.k8s.io/v1", {"metadata": meta("deny-all", age=T(h=1)), "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}}, ["deny-all", "<none>", "60m"])
add("NetworkPolicy", "networking.k8s.io/v1", {"metadata": meta("api-allow", age=T(h=1)), "spec": {"podSelector": {"matchLabels": {"app": "bookstore", "role": "api"}},
    "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "bookstore"}}}]}], "policyTypes": ["Ingress"]}}, ["api-allow", "app=bookstore,role=api", "60m"])
add("NetworkPolicy", "networking.k8s.io/v1", {"metadata": meta("expr", age=T(h=1)), "spec": {"podSelector": {"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db", "cache"]}, {"key": "app", "operator": "Exists"}]},
    "policyTypes": ["Ingress"]}}, ["expr", "app,tier notin (cache,db)", "60m"])
def ing(name, spec, lb=None, age=None):
    return {"metadata": meta(name, age=age), "spec": spec, "status": {"loadBalancer": {"ingress": lb} if lb else {}}}
def rule(host=None):
    r = {"http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}
    if host: r = {"host": host} | r
    return r
add("Ingress", "networking.k8s.io/v1", ing("web", {"ingressClassName": "nginx", "rules": [rule("foo.example.com")]}, [{"ip": "172.18.0.5"}], age=T(m=5)),
    ["web", "nginx", "foo.example.com", "172.18.0.5", "80", "5m"])
add("Ingress", "networking.k8s.io/v1", ing("catch-all", {"defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}, "rules": [rule()]}, age=T(m=5)),
    ["catch-all", "<none>", "*", "", "80", "5m"])
add("Ingress", "networking.k8s.io/v1", ing("many-hosts", {"ingressClassName": "traefik", "tls": [{"hosts": ["a.example.com"], "secretName": "tls-cert"}],
    "rules": [rule("a.example.com"), rule(), rule("b.example.com"), rule("c.example.com"), rule("d.example.com")]},
    [{"hostname": "lb.example.com"}, {"ip": "172.18.0.6"}, {"ip": "172.18.0.5"}], age=T(m=5)),
    ["many-hosts", "traefik", "a.example.com,b.example.com,c.example.com + 2 more...", "172.18.0.5,172.18.0.6,lb.example.com", "80, 443", "5m"])
add("IngressClass", "networking.k8s.io/v1", {"metadata": meta("nginx", None, age=T(d=1), annotations={"ingressclass.kubernetes.io/is-default-class": "true"}),
    "spec": {"controller": "k8s.io/ingress-nginx", "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "external-lb"}}},
    ["nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "24h"])
add("IngressClass", "networking.k8s.io/v1", {"metadata": meta("traefik", None, age=T(d=1)), "spec": {"controller": "traefik.io/ingress-controller"}},
    ["traefik", "traefik.io/ingress-controller", "<none>", "24h"])

# --- Lease, HPA, PVC, PV, PDB, RBAC, PriorityClass, StorageClass, ResourceQuota ---------------
add("Lease", "coordination.k8s.io/v1", {"metadata": meta("kind-control-plane", "kube-node-lease", age=T(d=20)), "spec": {"holderIdentity": "kind-control-plane", "leaseDurationSeconds": 40, "renewTime": "2024-05-01T11:59:50.000000Z"}},
    ["kind-control-plane", "kind-control-plane", "20d"])
add("Lease", "coordination.k8s.io/v1", {"metadata": meta("unheld", "kube-node-lease", age=T(d=20)), "spec": {}}, ["unheld", "", "20d"])
add("HorizontalPodAutoscaler", "autoscaling/v2", {"metadata": meta("my-nginx", age=T(m=8)), "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "my-nginx"},
    "minReplicas": 1, "maxReplicas": 10, "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
    "status": {"currentReplicas": 2, "desiredReplicas": 2, "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 12, "averageValue": "6m"}}}]}},
    ["my-nginx", "Deployment/my-nginx", "cpu: 12%/50%", "1", "10", "2", "8m"])
add("HorizontalPodAutoscaler", "autoscaling/v2", {"metadata": meta("web", age=T(m=8)), "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
    "maxReplicas": 5, "metrics": [
        {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "1024Mi"}}},
        {"type": "Pods", "pods": {"metric": {"name": "packets-per-second"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]},
    "status": {"currentReplicas": 0, "desiredReplicas": 0}},
    ["web", "Deployment/web", "memory: <unknown>/1Gi, <unknown>/1k + 1 more...", "<unset>", "5", "0", "8m"])
add("PersistentVolumeClaim", "v1", {"metadata": meta("data-db-0", age=T(h=5)), "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "standard",
    "volumeMode": "Filesystem", "volumeName": "pvc-0a1b2c3d"}, "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1024Mi"}}},
    ["data-db-0", "Bound", "pvc-0a1b2c3d", "1Gi", "RWO", "standard", "<unset>", "5h", "Filesystem"])
add("PersistentVolumeClaim", "v1", {"metadata": meta("pending-claim", age=T(s=30)), "spec": {"accessModes": ["ReadWriteMany", "ReadOnlyMany"], "resources": {"requests": {"storage": "500M"}},
    "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}},
    ["pending-claim", "Pending", "", "", "", "", "<unset>", "30s", "Filesystem"])
add("PersistentVolume", "v1", {"metadata": meta("pvc-0a1b2c3d", None, age=T(h=5)), "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
    "storageClassName": "standard", "volumeMode": "Filesystem", "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "data-db-0"}, "hostPath": {"path": "/var/local-path-provisioner/x", "type": "DirectoryOrCreate"}},
    "status": {"phase": "Bound"}},
    ["pvc-0a1b2c3d", "1Gi", "RWO", "Delete", "Bound", "default/data-db-0", "standard", "<unset>", "", "5h", "Filesystem"])
add("PodDisruptionBudget", "policy/v1", {"metadata": meta("web-pdb", age=T(m=1)), "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}},
    "status": {"currentHealthy": 3, "desiredHealthy": 2, "disruptionsAllowed": 1, "expectedPods": 3, "observedGeneration": 1}},
    ["web-pdb", "2", "N/A", "1", "60s"])
add("PodDisruptionBudget", "policy/v1", {"metadata": meta("db-pdb", age=T(m=1)), "spec": {"maxUnavailable": "25%", "selector": {"matchLabels": {"app": "db"}}}, "status": {}},
    ["db-pdb", "N/A", "25%", "0", "60s"])
add("RoleBinding", "rbac.authorization.k8s.io/v1", {"metadata": meta("read-pods", age=T(d=1)), "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "pod-reader"},
    "subjects": [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"}, {"kind": "ServiceAccount", "name": "builder", "namespace": "default"}, {"kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"}, {"kind": "User", "name": "bob"}]},
    ["read-pods", "Role/pod-reader", "24h", "jane, bob", "devs", "default/builder"])
add("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", {"metadata": meta("cluster-admin", None, age=T(d=20)), "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
    "subjects": [{"kind": "Group", "name": "system:masters", "apiGroup": "rbac.authorization.k8s.io"}]},
    ["cluster-admin", "ClusterRole/cluster-admin", "20d", "", "system:masters", ""])
add("PriorityClass", "scheduling.k8s.io/v1", {"metadata": meta("system-cluster-critical", None, age=T(d=20)), "value": 2000000000, "globalDefault": False, "preemptionPolicy": "PreemptLowerPriority", "description": "x"},
    ["system-cluster-critical", "2000000000", "false", "20d", "PreemptLowerPriority"])
add("StorageClass", "storage.k8s.io/v1", {"metadata": meta("standard", None, age=T(d=20), annotations={"storageclass.kubernetes.io/is-default-class": "true"}), "provisioner": "rancher.io/local-path",
    "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}, ["standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", "false", "20d"])
add("StorageClass", "storage.k8s.io/v1", {"metadata": meta("fast", None, age=T(d=20)), "provisioner": "pd.csi.storage.gke.io", "reclaimPolicy": "Retain", "volumeBindingMode": "Immediate", "allowVolumeExpansion": True},
    ["fast", "pd.csi.storage.gke.io", "Retain", "Immediate", "true", "20d"])
add("ResourceQuota", "v1", {"metadata": meta("compute", age=T(m=10)), "spec": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi", "pods": "10"}},
    "status": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi", "pods": "10"}, "used": {"requests.cpu": "500m", "requests.memory": "0", "limits.cpu": "1500m", "limits.memory": "512Mi", "pods": "3"}}},
    ["compute", "pods: 3/10, requests.cpu: 500m/1, requests.memory: 0/1Gi", "limits.cpu: 1500m/2, limits.memory: 512Mi/2Gi", "10m"])
add("Role", "rbac.authorization.k8s.io/v1", {"metadata": meta("pod-reader", age="2024-04-30T08:15:30Z"), "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]},
    ["pod-reader", "2024-04-30T08:15:30Z"])
add("ClusterRole", "rbac.authorization.k8s.io/v1", {"metadata": meta("view", None, age="2024-04-11T12:00:00Z"), "rules": []}, ["view", "2024-04-11T12:00:00Z"])
add("LimitRange", "v1", {"metadata": meta("mem-limit-range", age="2024-05-01T11:00:00Z"), "spec": {"limits": [{"default": {"memory": "512Mi"}, "type": "Container"}]}}, ["mem-limit-range", "2024-05-01T11:00:00Z"])

import sys
out = sys.argv[1]
json.dump({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": OBJS}, open(out + "/objects.json", "w"), indent=1)
json.dump({"now": NOW, "cells": EXP}, open(out + "/cells.json", "w"), indent=1)
print(len(OBJS), "objects")
