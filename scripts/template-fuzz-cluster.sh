#!/usr/bin/env bash
# The cluster scripts/template-fuzz.mjs runs its templates over: every service type (a
# LoadBalancer with an ingress ip, NodePort, headless, ExternalName), deployments with dotted and
# slashed labels and annotations, endpoints, labelled nodes, config maps with odd keys and values,
# secrets, a second namespace.
#   export KUBESIM_HOME=$(mktemp -d) KUBESIM_POD_STARTUP=0; scripts/template-fuzz-cluster.sh
set -euo pipefail
k="$(cd "$(dirname "$0")/.." && pwd)/bin/kubectl"
$k create deployment web --image=nginx:1.25 --replicas=2 --port=80
$k create deployment api --image=busybox:1.36 -- sleep 3600
$k expose deployment web --port=80 --target-port=80 --name=web-cip
$k expose deployment web --port=8080 --target-port=80 --type=NodePort --name=web-np
$k expose deployment web --port=443 --target-port=80 --type=LoadBalancer --name=web-lb
$k create service externalname ext --external-name=example.com
$k create service clusterip headless --clusterip=None --tcp=5432:5432
$k create configmap odd --from-literal=app.kubernetes.io_name=dotted --from-literal=a.b=dot --from-literal=with-dash=1 \
  --from-literal=num=42 --from-literal='multi=line1
line2' --from-literal='quote=he said "hi" <b>&amp;</b>' --from-literal='uni=héllo ✓' --from-literal=empty= --from-literal='back=a\b\\c'
$k create configmap settings --from-literal=LOG_LEVEL=debug --from-literal=timeout=30
$k label cm odd app.kubernetes.io/name=oddapp tier=backend example.com/team=blue
$k label deploy web app.kubernetes.io/name=web env=prod
$k annotate deploy web 'kubernetes.io/change-cause=initial rollout' note='x<y & "z"'
$k create secret generic db --from-literal=username=admin --from-literal='password=p@ss w0rd!<>&' --from-literal=empty=
$k create secret docker-registry reg --docker-server=r.example.com --docker-username=u --docker-password=p
$k label node kind-worker disktype=ssd topology.kubernetes.io/zone=zone-a
$k create ns dev
$k create configmap cfg2 -n dev --from-literal=k=v
$k run solo --image=nginx --labels='app=solo,app.kubernetes.io/version=1.0' --port=80 -n dev
$k patch deployment api -p '{"spec":{"template":{"spec":{"containers":[{"name":"busybox","resources":{"requests":{"cpu":"250m","memory":"64Mi"},"limits":{"cpu":"1","memory":"128Mi"}}}]}}}}'
$k patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","resources":{"requests":{"cpu":"100m","memory":"1Gi"}}}]}}}}'
$k create configmap tabby --from-literal=tab=$'a\tb' --from-literal=cjk='日本語テキスト' --from-literal=cr=$'x\ry' \
  --from-literal=long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
