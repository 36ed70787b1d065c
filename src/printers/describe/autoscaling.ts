// HorizontalPodAutoscaler (autoscaling/v2).
import type { KObject } from '../../api/types';
import { Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, rfc1123z, printLabelsMultiline, printAnnotationsMultiline } from './writer';
import { writeEvents, refOf } from './events';
import { canonical } from './quantity';

const q = (v: unknown) => canonical(v ?? '0');
const set = (v: unknown) => v !== undefined && v !== null;

function printDirectionBehavior(w: Writer, direction: string, rules: any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (set(rules.stabilizationWindowSeconds)) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(hpa: KObject, ctx: DescribeContext): string {
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  const cur = (i: number) => (st.currentMetrics ?? [])[i] ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m: any, i: number) => {
      const c = cur(i);
      switch (m.type) {
        case 'External': {
          const e = m.external ?? {};
          if (set(e.target?.averageValue)) {
            const current = c.external && set(c.external.current?.averageValue) ? q(c.external.current.averageValue) : '<unknown>';
            w.write(LEVEL_1, `${JSON.stringify(e.metric?.name ?? '')} (target average value):\t${current} / ${q(e.target.averageValue)}\n`);
          } else {
            const current = c.external ? q(c.external.current?.value) : '<unknown>';
            w.write(LEVEL_1, `${JSON.stringify(e.metric?.name ?? '')} (target value):\t${current} / ${q(e.target?.value)}\n`);
          }
          break;
        }
        case 'Pods': {
          const current = c.pods ? q(c.pods.current?.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${JSON.stringify(m.pods?.metric?.name ?? '')} on pods:\t${current} / ${q(m.pods?.target?.averageValue)}\n`);
          break;
        }
        case 'Object': {
          const o = m.object ?? {};
          w.write(LEVEL_1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
          if (o.target?.type === 'AverageValue') {
            const current = c.object ? q(c.object.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `(target average value):\t${current} / ${q(o.target.averageValue)}\n`);
          } else {
            const current = c.object ? q(c.object.current?.value) : '<unknown>';
            w.write(LEVEL_0, `(target value):\t${current} / ${q(o.target?.value)}\n`);
          }
          break;
        }
        case 'Resource':
        case 'ContainerResource': {
          const isC = m.type === 'ContainerResource';
          const r = (isC ? m.containerResource : m.resource) ?? {};
          const cr = isC ? c.containerResource : c.resource;
          w.write(LEVEL_1, isC ? `resource ${r.name ?? ''} of container "${r.container ?? ''}" on pods` : `resource ${r.name ?? ''} on pods`);
          if (set(r.target?.averageValue)) {
            const current = cr ? q(cr.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `:\t${current} / ${q(r.target.averageValue)}\n`);
          } else {
            const current = cr && set(cr.current?.averageUtilization) ? `${cr.current.averageUtilization}% (${q(cr.current.averageValue)})` : '<unknown>';
            const target = set(r.target?.averageUtilization) ? `${r.target.averageUtilization}%` : '<auto>';
            w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(String(m.type ?? ''))}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${set(spec.minReplicas) ? spec.minReplicas : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
    w.write(LEVEL_0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
    if (st.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type ?? ''}\t${c.status ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    writeEvents(w, ctx.reader, refOf(hpa), ctx.showEvents, ctx.now);
  });
}
