// Every case of /work/shared/conversion-facts.md, plus Widget's rename and defaulting, driven
// through the Scheme exactly as the server drives it (see ./pipeline.ts).
import { expect } from 'chai';
import { invalid } from '../../runtime/machinery/errors.js';
import { unknownFields } from '../../runtime/machinery/unknown-fields.js';
import type { JSONObject } from '../../runtime/machinery/registration.js';
import { admit, create, load, read, roundTrip, scheme, stored, wire } from './pipeline.js';

const NET = 'networking.k8s.io';
const HPA_GROUP = 'autoscaling';
const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';
const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const HPA_ANNOTATIONS = [METRICS, BEHAVIOR, CURRENT_METRICS, CONDITIONS];
const INGRESS_CLASS = 'kubernetes.io/ingress.class';

type Obj = Record<string, any>; // test-local: reaching into converted objects by path

function ingressV1beta1(spec: JSONObject, annotations?: Record<string, string>): JSONObject {
  return {
    apiVersion: `${NET}/v1beta1`,
    kind: 'Ingress',
    metadata: { name: 'ing', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec,
  };
}

function ingressV1(spec: JSONObject, annotations?: Record<string, string>): JSONObject {
  return { ...ingressV1beta1(spec, annotations), apiVersion: `${NET}/v1` };
}

/** v1beta1 -> internal -> v1 (no defaults on the way: the pure conversion). */
function betaToV1(obj: JSONObject): Obj {
  return read(scheme.toInternal(wire(obj)), NET, 'v1', 'Ingress');
}

function v1ToBeta(obj: JSONObject): Obj {
  return read(scheme.toInternal(wire(obj)), NET, 'v1beta1', 'Ingress');
}

function pathsSpec(backend: JSONObject, extra: JSONObject = {}): JSONObject {
  return { rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend, ...extra }] } }] };
}

const cpu = (averageUtilization: number): JSONObject => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } },
});

const queueLength: JSONObject = {
  type: 'External',
  external: { metric: { name: 'queue_length' }, target: { type: 'Value', value: '30' } },
};

const scaleTargetRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

function hpaV1(spec: JSONObject, extra: { annotations?: Record<string, string>; status?: JSONObject } = {}): JSONObject {
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { scaleTargetRef, ...spec },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

function hpaV2(spec: JSONObject, extra: { status?: JSONObject } = {}): JSONObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef, ...spec },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

const SCALE_UP_DEFAULT = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN_DEFAULT = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function annotationsOf(obj: Obj): Record<string, string> {
  return (obj.metadata?.annotations ?? {}) as Record<string, string>;
}

function expectNoHpaAnnotations(obj: Obj): void {
  for (const key of HPA_ANNOTATIONS) expect(annotationsOf(obj), key).to.not.have.property(key);
}

describe('conversion facts: networking.k8s.io Ingress', () => {
  it('ING-1: serviceName/servicePort 8080 reads in v1 as service {name, port.number} and back unchanged', () => {
    const backend = { serviceName: 'test-backend', servicePort: 8080 };
    const body = ingressV1beta1({ backend });
    const { stored: s, read: v1 } = roundTrip(body, 'v1');
    const expected = { service: { name: 'test-backend', port: { number: 8080 } } };
    expect((s as Obj).spec.defaultBackend).to.deep.equal(expected);
    expect((v1 as Obj).spec.defaultBackend).to.deep.equal(expected);
    expect((v1 as Obj).spec).to.not.have.property('backend');
    const beta = roundTrip(body, 'v1beta1').read as Obj;
    expect(beta.spec.backend).to.deep.equal(backend);
    expect(beta.spec).to.not.have.property('defaultBackend');
  });

  it('ING-2: servicePort "https" reads in v1 as port.name and back as the string', () => {
    const body = ingressV1beta1({ backend: { serviceName: 'svc', servicePort: 'https' } });
    expect((roundTrip(body, 'v1').read as Obj).spec.defaultBackend).to.deep.equal({
      service: { name: 'svc', port: { name: 'https' } },
    });
    expect((roundTrip(body, 'v1beta1').read as Obj).spec.backend).to.deep.equal({ serviceName: 'svc', servicePort: 'https' });
  });

  it('ING-3: an empty serviceName with a string port still makes a service', () => {
    const v1 = betaToV1(ingressV1beta1({ backend: { serviceName: '', servicePort: 'https' } }));
    expect(v1.spec.defaultBackend).to.deep.equal({ service: { name: '', port: { name: 'https' } } });
  });

  it('ING-4: a v1beta1 path without pathType is stored and read with ImplementationSpecific', () => {
    const path = { path: '/', backend: { serviceName: 'svc', servicePort: 80 } };
    const body = ingressV1beta1({ rules: [{ host: 'example.com', http: { paths: [path] } }] });
    const { stored: s, read: v1 } = roundTrip(body, 'v1');
    const expected = { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'svc', port: { number: 80 } } } };
    expect((s as Obj).apiVersion).to.equal(`${NET}/v1`);
    expect((s as Obj).spec.rules[0].http.paths[0]).to.deep.equal(expected);
    expect((v1 as Obj).spec.rules[0].http.paths[0]).to.deep.equal(expected);
  });

  it('ING-4: the same path sent as v1 without pathType is rejected with 422 on the pathType field', () => {
    const path = { path: '/', backend: { service: { name: 'svc', port: { number: 80 } } } };
    const body = ingressV1({ rules: [{ host: 'example.com', http: { paths: [path] } }] });
    const { internal, errors } = admit(body);
    expect(internal).to.equal(undefined);
    expect(errors).to.deep.include({
      type: 'FieldValueRequired',
      field: 'spec.rules[0].http.paths[0].pathType',
      message: 'Required value',
    });
    const status = invalid(NET, 'Ingress', 'ing', errors).status;
    expect(status.code).to.equal(422);
    expect(status.details?.causes?.map((c) => c.field)).to.include('spec.rules[0].http.paths[0].pathType');
  });

  describe('rule 1: v1beta1 -> v1', () => {
    const resource = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' };

    it('copies resource, and makes no service without a name or port', () => {
      const v1 = betaToV1(ingressV1beta1({ backend: { resource } }));
      expect(v1.spec.defaultBackend).to.deep.equal({ resource });
    });

    it('makes no service for an empty name and port 0', () => {
      const v1 = betaToV1(ingressV1beta1({ backend: { serviceName: '', servicePort: 0 } }));
      expect(v1.spec.defaultBackend).to.not.have.property('service');
    });

    it('makes a service from a non-empty name alone', () => {
      const service = betaToV1(ingressV1beta1({ backend: { serviceName: 'svc' } })).spec.defaultBackend.service;
      expect(service.name).to.equal('svc');
      expect(service.port?.number ?? 0).to.equal(0);
      expect(service.port?.name ?? '').to.equal('');
    });

    it('makes a service from a non-zero integer port alone (name empty)', () => {
      const service = betaToV1(ingressV1beta1({ backend: { servicePort: 8080 } })).spec.defaultBackend.service;
      expect(service).to.deep.equal({ name: '', port: { number: 8080 } });
    });

    it('makes a service from a string port, even an empty one', () => {
      const service = betaToV1(ingressV1beta1({ backend: { servicePort: '' } })).spec.defaultBackend.service;
      expect(service).to.not.equal(undefined);
      expect(service.name).to.equal('');
      expect(service.port?.name ?? '').to.equal('');
      expect(service.port).to.not.have.property('number');
    });

    it('keeps a numeric-looking string port as a name', () => {
      const service = betaToV1(ingressV1beta1({ backend: { serviceName: 'svc', servicePort: '8080' } })).spec.defaultBackend
        .service;
      expect(service).to.deep.equal({ name: 'svc', port: { name: '8080' } });
    });

    it('applies the same rules to every rules[].http.paths[].backend', () => {
      const paths = [
        { path: '/a', pathType: 'Prefix', backend: { serviceName: 'a', servicePort: 80 } },
        { path: '/b', pathType: 'Exact', backend: { serviceName: 'b', servicePort: 'http' } },
        { path: '/c', pathType: 'Prefix', backend: { resource } },
      ];
      const v1 = betaToV1(ingressV1beta1({ rules: [{ http: { paths } }] }));
      expect(v1.spec.rules[0].http.paths.map((p: Obj) => p.backend)).to.deep.equal([
        { service: { name: 'a', port: { number: 80 } } },
        { service: { name: 'b', port: { name: 'http' } } },
        { resource },
      ]);
    });

    it('converts backend to defaultBackend and keeps the shared fields', () => {
      const spec = {
        ingressClassName: 'nginx',
        backend: { serviceName: 'default', servicePort: 80 },
        tls: [{ hosts: ['example.com'], secretName: 'tls' }],
      };
      const v1 = betaToV1(ingressV1beta1(spec));
      expect(v1.spec).to.deep.equal({
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'default', port: { number: 80 } } },
        tls: [{ hosts: ['example.com'], secretName: 'tls' }],
      });
    });
  });

  describe('rule 2: v1 -> v1beta1', () => {
    it('a non-empty port name wins and the number is ignored', () => {
      const beta = v1ToBeta(ingressV1({ defaultBackend: { service: { name: 'svc', port: { name: 'http', number: 80 } } } }));
      expect(beta.spec.backend).to.deep.equal({ serviceName: 'svc', servicePort: 'http' });
      expect(beta.spec).to.not.have.property('defaultBackend');
    });

    it('without a port name the port is the integer number', () => {
      const beta = v1ToBeta(ingressV1({ defaultBackend: { service: { name: 'svc', port: { number: 80 } } } }));
      expect(beta.spec.backend).to.deep.equal({ serviceName: 'svc', servicePort: 80 });
    });

    it('an empty service name is left out of v1beta1, as omitempty does (ING-3 read back)', () => {
      const beta = v1ToBeta(ingressV1({ defaultBackend: { service: { name: '', port: { name: 'https' } } } }));
      expect(beta.spec.backend).to.deep.equal({ servicePort: 'https' });
      const byNumber = v1ToBeta(ingressV1({ defaultBackend: { service: { name: '', port: { number: 8080 } } } }));
      expect(byNumber.spec.backend).to.deep.equal({ servicePort: 8080 });
    });

    it('applies to every path backend and copies resource', () => {
      const resource = { kind: 'StorageBucket', name: 'b' };
      const beta = v1ToBeta(
        ingressV1({
          rules: [
            {
              http: {
                paths: [
                  { path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { name: 'web', number: 8080 } } } },
                  { path: '/r', pathType: 'Prefix', backend: { resource } },
                ],
              },
            },
          ],
        }),
      );
      expect(beta.spec.rules[0].http.paths.map((p: Obj) => p.backend)).to.deep.equal([
        { serviceName: 's', servicePort: 'web' },
        { resource },
      ]);
    });
  });

  describe('rule 3: defaulting is per version', () => {
    it('v1beta1 defaults a missing pathType on every path, and a given one wins', () => {
      const body = ingressV1beta1({
        rules: [
          { http: { paths: [{ path: '/a', backend: { serviceName: 'a', servicePort: 80 } }] } },
          {
            host: 'b.example.com',
            http: {
              paths: [
                { path: '/b', pathType: 'Exact', backend: { serviceName: 'b', servicePort: 80 } },
                { path: '/c', backend: { serviceName: 'c', servicePort: 80 } },
              ],
            },
          },
        ],
      });
      const defaulted = wire(body) as Obj;
      scheme.default(defaulted);
      const types = defaulted.spec.rules.flatMap((r: Obj) => r.http.paths.map((p: Obj) => p.pathType));
      expect(types).to.deep.equal(['ImplementationSpecific', 'Exact', 'ImplementationSpecific']);
    });

    it('v1 has no pathType default; every path without one is a Required error', () => {
      const backend = { service: { name: 's', port: { number: 80 } } };
      const body = ingressV1({
        rules: [
          { http: { paths: [{ path: '/a', pathType: 'Prefix', backend }, { path: '/b', backend }] } },
          { http: { paths: [{ path: '/c', backend }] } },
        ],
      });
      const defaulted = wire(body) as Obj;
      scheme.default(defaulted);
      expect(defaulted.spec.rules[0].http.paths[1]).to.not.have.property('pathType');
      const required = admit(body).errors.filter((e) => e.type === 'FieldValueRequired').map((e) => e.field);
      expect(required).to.have.members(['spec.rules[0].http.paths[1].pathType', 'spec.rules[1].http.paths[0].pathType']);
    });
  });

  describe('rule 4: the ingress.class annotation and spec.ingressClassName', () => {
    it('are never converted into each other (annotation only)', () => {
      const v1 = betaToV1(ingressV1beta1({}, { [INGRESS_CLASS]: 'nginx' }));
      expect(v1.spec).to.not.have.property('ingressClassName');
      expect(annotationsOf(v1)[INGRESS_CLASS]).to.equal('nginx');
      const beta = v1ToBeta(ingressV1({}, { [INGRESS_CLASS]: 'nginx' }));
      expect(beta.spec).to.not.have.property('ingressClassName');
    });

    it('are never converted into each other (field only)', () => {
      const v1 = betaToV1(ingressV1beta1({ ingressClassName: 'nginx' }));
      expect(annotationsOf(v1)).to.not.have.property(INGRESS_CLASS);
      const beta = v1ToBeta(ingressV1({ ingressClassName: 'nginx' }));
      expect(annotationsOf(beta)).to.not.have.property(INGRESS_CLASS);
      expect(beta.spec.ingressClassName).to.equal('nginx');
    });

    for (const version of ['v1', 'v1beta1']) {
      it(`on create (${version}), both set and different is invalid on the annotation's field path`, () => {
        const body = { ...ingressV1beta1({ ingressClassName: 'nginx' }, { [INGRESS_CLASS]: 'haproxy' }), apiVersion: `${NET}/${version}` };
        const internal = scheme.toInternal(wire(body));
        const { kind } = scheme.resolveObject(body);
        const errs = kind.internal.validate(internal, { operation: 'create' });
        expect(errs).to.have.length(1);
        expect(errs[0].field).to.equal(`annotations.${INGRESS_CLASS}`);
        expect(errs[0].type).to.equal('FieldValueInvalid');
        const { errors } = admit(body);
        expect(errors.map((e) => e.field)).to.deep.equal([`annotations.${INGRESS_CLASS}`]);
        expect(invalid(NET, 'Ingress', 'ing', errors).status.code).to.equal(422);
      });
    }

    it('both set and equal is valid on create; differing values are not checked on update', () => {
      const same = ingressV1({ ingressClassName: 'nginx' }, { [INGRESS_CLASS]: 'nginx' });
      expect(admit(same).errors).to.deep.equal([]);
      const differ = ingressV1({ ingressClassName: 'nginx' }, { [INGRESS_CLASS]: 'haproxy' });
      const internal = scheme.toInternal(wire(differ));
      expect(scheme.resolveObject(differ).kind.internal.validate(internal, { operation: 'update', old: internal })).to.deep.equal([]);
    });
  });
});

describe('conversion facts: autoscaling HorizontalPodAutoscaler', () => {
  it('HPA-1: a v1 object without target is stored with minReplicas 1 and cpu 80, read in v1 as target 80', () => {
    const body = hpaV1({ maxReplicas: 5 });
    const { stored: s, read: v1 } = roundTrip(body, 'v1');
    const storedSpec = (s as Obj).spec;
    expect((s as Obj).apiVersion).to.equal('autoscaling/v2');
    expect(storedSpec.minReplicas).to.equal(1);
    expect(storedSpec.metrics).to.deep.equal([cpu(80)]);
    expect((v1 as Obj).spec).to.deep.equal({ scaleTargetRef, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 });
    expectNoHpaAnnotations(v1);
    expectNoHpaAnnotations(s);
  });

  it('HPA-2: v1 with a cpu target reads in v2 with that metric and no behavior, and back unchanged', () => {
    const body = hpaV1({ minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 50 });
    const v2 = roundTrip(body, 'v2').read as Obj;
    expect(v2.spec.metrics).to.deep.equal([cpu(50)]);
    expect(v2.spec).to.not.have.property('behavior');
    expectNoHpaAnnotations(v2);
    const v1 = roundTrip(body, 'v1').read as Obj;
    expect(v1).to.deep.equal(body);
    expect(v1.metadata).to.not.have.property('annotations');
  });

  it('HPA-3: v2 metrics and behavior survive a v1 read and an unchanged v1 write', () => {
    const behavior = {
      scaleUp: { stabilizationWindowSeconds: 30, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
    };
    const body = hpaV2({ minReplicas: 1, maxReplicas: 10, metrics: [cpu(80), queueLength], behavior });
    const v1 = roundTrip(body, 'v1').read as Obj;
    expect(v1.spec.targetCPUUtilizationPercentage).to.equal(80);
    expect(JSON.parse(annotationsOf(v1)[METRICS])).to.deep.equal([queueLength]);
    expect(JSON.parse(annotationsOf(v1)[BEHAVIOR])).to.deep.equal(behavior);

    const { stored: s, read: v2 } = roundTrip(v1, 'v2');
    expect((v2 as Obj).spec.behavior).to.deep.equal(behavior);
    expect((v2 as Obj).spec.metrics).to.deep.equal([queueLength, cpu(80)]);
    expectNoHpaAnnotations(v2);
    expectNoHpaAnnotations(s);
    expect((v2 as Obj).metadata).to.not.have.property('annotations');
  });

  describe('rule 1: defaults', () => {
    it('minReplicas defaults to 1 in both versions; a given value wins', () => {
      for (const obj of [hpaV1({ maxReplicas: 3 }), hpaV2({ maxReplicas: 3 })] as Obj[]) {
        scheme.default(obj);
        expect(obj.spec.minReplicas, obj.apiVersion).to.equal(1);
      }
      const given = hpaV2({ maxReplicas: 3, minReplicas: 2 }) as Obj;
      scheme.default(given);
      expect(given.spec.minReplicas).to.equal(2);
    });

    it('v2 missing or empty metrics default to cpu Utilization 80; given metrics win', () => {
      for (const spec of [{ maxReplicas: 3 }, { maxReplicas: 3, metrics: [] }]) {
        const obj = hpaV2(spec) as Obj;
        scheme.default(obj);
        expect(obj.spec.metrics).to.deep.equal([cpu(80)]);
      }
      const given = hpaV2({ maxReplicas: 3, metrics: [queueLength] }) as Obj;
      scheme.default(given);
      expect(given.spec.metrics).to.deep.equal([queueLength]);
    });

    it('v2 without behavior gets none', () => {
      const obj = hpaV2({ maxReplicas: 3 }) as Obj;
      scheme.default(obj);
      expect(obj.spec).to.not.have.property('behavior');
      expect((roundTrip(hpaV2({ maxReplicas: 3 }), 'v2').read as Obj).spec).to.not.have.property('behavior');
    });

    it('v2 with an empty behavior gets both rule sets exactly (scaleDown without a window)', () => {
      const obj = hpaV2({ maxReplicas: 3, behavior: {} }) as Obj;
      scheme.default(obj);
      expect(obj.spec.behavior).to.deep.equal({ scaleUp: SCALE_UP_DEFAULT, scaleDown: SCALE_DOWN_DEFAULT });
      expect(obj.spec.behavior.scaleDown).to.not.have.property('stabilizationWindowSeconds');
    });

    it('v2 behavior: each provided field wins, the missing ones are filled', () => {
      const policies = [{ type: 'Pods', value: 1, periodSeconds: 60 }];
      const obj = hpaV2({
        maxReplicas: 3,
        behavior: { scaleUp: { stabilizationWindowSeconds: 60 }, scaleDown: { selectPolicy: 'Min', policies } },
      }) as Obj;
      scheme.default(obj);
      expect(obj.spec.behavior).to.deep.equal({
        scaleUp: { ...SCALE_UP_DEFAULT, stabilizationWindowSeconds: 60 },
        scaleDown: { selectPolicy: 'Min', policies },
      });
      const onlyDown = hpaV2({ maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 120 } } }) as Obj;
      scheme.default(onlyDown);
      expect(onlyDown.spec.behavior).to.deep.equal({
        scaleUp: SCALE_UP_DEFAULT,
        scaleDown: { ...SCALE_DOWN_DEFAULT, stabilizationWindowSeconds: 120 },
      });
    });
  });

  describe('rule 2: v2 -> v1', () => {
    const memory: JSONObject = {
      type: 'Resource',
      resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 60 } },
    };
    const cpuAverageValue: JSONObject = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } },
    };

    it('target is the first cpu Utilization metric; every other metric goes, in order, to the metrics annotation', () => {
      const metrics = [memory, cpuAverageValue, cpu(70), cpu(60), queueLength];
      const v1 = read(create(hpaV2({ maxReplicas: 5, metrics })), HPA_GROUP, 'v1', 'HorizontalPodAutoscaler');
      expect(v1.spec).to.deep.equal({ scaleTargetRef, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
      expect(JSON.parse(annotationsOf(v1)[METRICS])).to.deep.equal([memory, cpuAverageValue, cpu(60), queueLength]);
      expect(annotationsOf(v1)).to.not.have.property(BEHAVIOR);
    });

    it('without a cpu Utilization metric there is no target', () => {
      const v1 = read(create(hpaV2({ maxReplicas: 5, metrics: [memory] })), HPA_GROUP, 'v1', 'HorizontalPodAutoscaler');
      expect(v1.spec).to.not.have.property('targetCPUUtilizationPercentage');
      expect(JSON.parse(annotationsOf(v1)[METRICS])).to.deep.equal([memory]);
    });

    it('status: currentMetrics and conditions go to annotations; the cpu entry gives currentCPUUtilizationPercentage', () => {
      const currentMetrics = [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42, averageValue: '120m' } } },
        { type: 'External', external: { metric: { name: 'queue_length' }, current: { value: '12' } } },
      ];
      const conditions = [
        { type: 'AbleToScale', status: 'True', lastTransitionTime: '2024-05-01T12:00:00Z', reason: 'ReadyForNewScale' },
      ];
      const status = { currentReplicas: 2, desiredReplicas: 3, currentMetrics, conditions };
      const v1 = read(create(hpaV2({ maxReplicas: 5 }, { status })), HPA_GROUP, 'v1', 'HorizontalPodAutoscaler');
      expect(v1.status).to.deep.equal({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 42 });
      expect(JSON.parse(annotationsOf(v1)[CURRENT_METRICS])).to.deep.equal(currentMetrics);
      expect(JSON.parse(annotationsOf(v1)[CONDITIONS])).to.deep.equal(conditions);
      // And back: the annotations restore the v2 status exactly.
      const v2 = read(load(stored(create(v1), HPA_GROUP, 'HorizontalPodAutoscaler')), HPA_GROUP, 'v2', 'HorizontalPodAutoscaler');
      expect(v2.status).to.deep.equal(status);
      expectNoHpaAnnotations(v2);
    });
  });

  describe('rule 3: v1 -> v2', () => {
    it('metrics are the annotation list, then the cpu target appended last', () => {
      const body = hpaV1(
        { maxReplicas: 5, targetCPUUtilizationPercentage: 65 },
        { annotations: { [METRICS]: JSON.stringify([queueLength]), 'a.example/keep': 'yes' } },
      );
      const v2 = roundTrip(body, 'v2').read as Obj;
      expect(v2.spec.metrics).to.deep.equal([queueLength, cpu(65)]);
      expect(annotationsOf(v2)).to.deep.equal({ 'a.example/keep': 'yes' });
    });

    it('the annotation list alone (no target) gets no cpu metric added', () => {
      const body = hpaV1({ maxReplicas: 5 }, { annotations: { [METRICS]: JSON.stringify([queueLength]) } });
      expect((roundTrip(body, 'v2').read as Obj).spec.metrics).to.deep.equal([queueLength]);
    });

    it('behavior, current metrics and conditions are read back from their annotations', () => {
      const behavior = { scaleUp: SCALE_UP_DEFAULT, scaleDown: { ...SCALE_DOWN_DEFAULT, stabilizationWindowSeconds: 60 } };
      const currentMetrics = [{ type: 'External', external: { metric: { name: 'queue_length' }, current: { value: '7' } } }];
      const conditions = [{ type: 'ScalingActive', status: 'False', reason: 'Stopped', message: 'paused' }];
      const body = hpaV1(
        { maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
        {
          annotations: {
            [BEHAVIOR]: JSON.stringify(behavior),
            [CURRENT_METRICS]: JSON.stringify(currentMetrics),
            [CONDITIONS]: JSON.stringify(conditions),
          },
          status: { currentReplicas: 1, desiredReplicas: 1 },
        },
      );
      const internal = create(body) as Obj;
      expect(internal.spec.behavior).to.deep.equal(behavior);
      expect(internal.status.currentMetrics).to.deep.equal(currentMetrics);
      expect(internal.status.conditions).to.deep.equal(conditions);
    });

    it('v1 currentCPUUtilizationPercentage becomes a cpu current metric', () => {
      const body = hpaV1(
        { maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
        { status: { currentReplicas: 1, desiredReplicas: 2, currentCPUUtilizationPercentage: 40 } },
      );
      const v2 = roundTrip(body, 'v2').read as Obj;
      expect(v2.status.currentMetrics).to.deep.equal([
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } },
      ]);
    });

    it('the four annotations are never in the internal, stored or v2 form', () => {
      const body = hpaV1(
        { maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
        {
          annotations: {
            [METRICS]: JSON.stringify([queueLength]),
            [BEHAVIOR]: JSON.stringify({ scaleUp: SCALE_UP_DEFAULT }),
            [CURRENT_METRICS]: JSON.stringify([{ type: 'External', external: { metric: { name: 'q' }, current: { value: '1' } } }]),
            [CONDITIONS]: JSON.stringify([{ type: 'AbleToScale', status: 'True' }]),
          },
          status: { currentReplicas: 1, desiredReplicas: 1 },
        },
      );
      const internal = create(body);
      expectNoHpaAnnotations(internal);
      const s = stored(internal, HPA_GROUP, 'HorizontalPodAutoscaler');
      expectNoHpaAnnotations(s);
      expect((s as Obj).metadata).to.not.have.property('annotations');
      expectNoHpaAnnotations(read(load(s), HPA_GROUP, 'v2', 'HorizontalPodAutoscaler'));
      // The request object itself is left alone by the conversion.
      expect(Object.keys(annotationsOf(body))).to.have.length(4);
    });

    it('annotation JSON never brings fields outside the v2 schema into storage', () => {
      // Kubernetes decodes each annotation into its Go type, which drops unknown fields; the stored
      // v2 object must only hold what the v2 schema describes.
      const body = hpaV1(
        { maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
        {
          annotations: {
            [METRICS]: JSON.stringify([{ ...queueLength, bogus: 1 }]),
            [BEHAVIOR]: JSON.stringify({ type: 'External', scaleUp: { selectPolicy: 'Min', bogus: true } }),
            [CONDITIONS]: JSON.stringify([{ type: 'AbleToScale', status: 'True', extra: 'x' }]),
          },
          status: { currentReplicas: 1, desiredReplicas: 1 },
        },
      );
      const s = stored(create(body), HPA_GROUP, 'HorizontalPodAutoscaler');
      const v2 = scheme.resolve({ group: HPA_GROUP, version: 'v2', kind: 'HorizontalPodAutoscaler' });
      const schemas = scheme.group(HPA_GROUP)?.schemas.v2 ?? {};
      expect(unknownFields(s, v2?.versioned.schemaName ?? '', schemas)).to.deep.equal([]);
    });

    // [label, value for the three list annotations, value for the behavior (an object)]
    for (const [label, list, object] of [
      ['not JSON', '{not json', '{not json'],
      ['JSON of the wrong kind', '{"type":"External"}', '[{"type":"External"}]'],
      ['a list of non-objects', '[1,2,3]', '[1,2,3]'],
      ['null', 'null', 'null'],
      ['empty', '', ''],
    ] as const) {
      it(`a malformed annotation (${label}) is ignored, never an error`, () => {
        const body = hpaV1(
          { maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
          {
            annotations: { [METRICS]: list, [BEHAVIOR]: object, [CURRENT_METRICS]: list, [CONDITIONS]: list },
            status: { currentReplicas: 1, desiredReplicas: 1 },
          },
        );
        const { internal, errors } = admit(body);
        expect(errors).to.deep.equal([]);
        const i = internal as Obj;
        expect(i.spec.metrics).to.deep.equal([cpu(50)]);
        expect(i.spec).to.not.have.property('behavior');
        expect(i.status).to.not.have.property('currentMetrics');
        expect(i.status).to.not.have.property('conditions');
        expectNoHpaAnnotations(i);
        expectNoHpaAnnotations(stored(i, HPA_GROUP, 'HorizontalPodAutoscaler'));
      });
    }
  });
});

describe('conversion facts: example.com Widget', () => {
  it('v1alpha1 paint is stored and read in v1 as color, and back as paint', () => {
    const body = { apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { paint: 'blue', size: 3 } };
    const { stored: s, read: v1 } = roundTrip(body, 'v1');
    expect((s as Obj).spec).to.deep.equal({ color: 'blue', size: 3, replicas: 1 });
    expect((v1 as Obj).spec).to.deep.equal({ color: 'blue', size: 3, replicas: 1 });
    const alpha = roundTrip(body, 'v1alpha1').read as Obj;
    expect(alpha.spec).to.deep.equal({ paint: 'blue', size: 3, replicas: 1 });
    expect(alpha.apiVersion).to.equal('example.com/v1alpha1');
  });

  it('v1 color reads in v1alpha1 as paint', () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { color: 'red', replicas: 2 } };
    const alpha = roundTrip(body, 'v1alpha1').read as Obj;
    expect(alpha.spec).to.deep.equal({ paint: 'red', replicas: 2 });
  });

  for (const version of ['v1', 'v1alpha1']) {
    it(`${version}: replicas defaults to 1, also with no spec at all; a given value (even 0) wins`, () => {
      const none: Obj = { apiVersion: `example.com/${version}`, kind: 'Widget', metadata: { name: 'w' } };
      scheme.default(none);
      expect(none.spec).to.deep.equal({ replicas: 1 });
      const zero: Obj = { apiVersion: `example.com/${version}`, kind: 'Widget', metadata: { name: 'w' }, spec: { replicas: 0 } };
      scheme.default(zero);
      expect(zero.spec).to.deep.equal({ replicas: 0 });
    });
  }
});
