// Deep copy benchmark: the generated field-by-field copy of an autoscaling/v2
// HorizontalPodAutoscaler (~5 KB as JSON: many metrics, conditions, managed fields) against
// structuredClone and a JSON round trip. Run: npx tsx bench/deepcopy.ts
// The baseline is structuredClone; the target is a generated copy at least 10x faster.

import { isDeepStrictEqual } from 'node:util';
import { deepCopyHorizontalPodAutoscaler } from '../generated/autoscaling/v2/deepcopy.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../generated/autoscaling/v2/types.js';

function sampleHPA(): HorizontalPodAutoscaler {
  const selector = (i: number) => ({ matchLabels: { app: 'web', tier: `t${i}`, 'example.com/queue': `q${i}` } });
  const metrics: MetricSpec[] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }];
  const current: MetricStatus[] = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 55, averageValue: '350m' } } }];
  for (let i = 0; i < 4; i++) {
    metrics.push(
      { type: 'Pods', pods: { metric: { name: `packets-per-second-${i}`, selector: selector(i) }, target: { type: 'AverageValue', averageValue: '1k' } } },
      {
        type: 'Object',
        object: {
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: `main-route-${i}` },
          metric: { name: 'requests-per-second' },
          target: { type: 'Value', value: '10k' },
        },
      },
      { type: 'External', external: { metric: { name: `queue_messages_ready_${i}`, selector: selector(i) }, target: { type: 'AverageValue', averageValue: 30 } } },
    );
    current.push(
      { type: 'Pods', pods: { metric: { name: `packets-per-second-${i}` }, current: { averageValue: '870' } } },
      { type: 'External', external: { metric: { name: `queue_messages_ready_${i}` }, current: { averageValue: 12 } } },
    );
  }
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'web',
      namespace: 'production',
      uid: '0b6c7b5e-2f7d-4b53-9d0c-6f3f8f1f2a11',
      resourceVersion: '123456',
      generation: 7,
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels: { app: 'web', team: 'payments', env: 'production' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler"}', owner: 'payments' },
      managedFields: [
        { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'autoscaling/v2', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:maxReplicas': {}, 'f:metrics': {} } } },
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'autoscaling/v2', time: '2024-05-01T10:05:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:currentMetrics': {} } }, subresource: 'status' },
      ],
    } as HorizontalPodAutoscaler['metadata'],
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 50,
      metrics,
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
      },
    },
    status: {
      observedGeneration: 7,
      lastScaleTime: '2024-05-01T10:04:00Z',
      currentReplicas: 6,
      desiredReplicas: 8,
      currentMetrics: current,
      conditions: ['AbleToScale', 'ScalingActive', 'ScalingLimited'].map((type, i) => ({
        type,
        status: i === 2 ? 'False' : 'True',
        lastTransitionTime: '2024-05-01T10:04:00Z',
        reason: `Reason${type}`,
        message: `the HPA controller reports ${type} for the current metrics and replica count`,
      })),
    },
  };
}

/** Operations per second of `fn`, measured for about `ms` milliseconds after a warm-up. */
function opsPerSecond(fn: () => unknown, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn();
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 500; i++) fn();
    ops += 500;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

const hpa = sampleHPA();
const size = Buffer.byteLength(JSON.stringify(hpa));
const copy = deepCopyHorizontalPodAutoscaler(hpa);
if (!isDeepStrictEqual(copy, hpa)) throw new Error('generated deep copy differs from the original');

let sink: unknown;
const generated = opsPerSecond(() => (sink = deepCopyHorizontalPodAutoscaler(hpa)));
const structured = opsPerSecond(() => (sink = structuredClone(hpa)));
const json = opsPerSecond(() => (sink = JSON.parse(JSON.stringify(hpa))));
void sink;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(12);
console.log(`deepcopy of an autoscaling/v2 HorizontalPodAutoscaler (${size} bytes as JSON), node ${process.version}`);
console.log(`  generated deepCopy   ${fmt(generated)} ops/s`);
console.log(`  structuredClone      ${fmt(structured)} ops/s   (baseline)`);
console.log(`  JSON round trip      ${fmt(json)} ops/s`);
console.log(`  generated / structuredClone = ${(generated / structured).toFixed(1)}x (target >= 10x)`);
console.log(`  generated / JSON round trip = ${(generated / json).toFixed(1)}x`);
