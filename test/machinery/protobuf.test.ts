// Protobuf request decoding: the wire reader (runtime/machinery/protobuf.ts), the generated
// decoders of the real kinds on hand-built bytes laid out as gogo-protobuf writes them, the
// `k8s\0` envelope, and robustness against random and damaged input (always a 400, never a crash).
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeConfigMap, decodeNamespace, decodeSecret, decodeService } from '../../generated/core/v1/protobuf.js';
import { decodeHorizontalPodAutoscaler } from '../../generated/autoscaling/v2/protobuf.js';
import { decodeIngress } from '../../generated/networking.k8s.io/v1/protobuf.js';
import { decodeSelfSubjectAccessReview } from '../../generated/authorization.k8s.io/v1/protobuf.js';
import { groups } from '../../generated/index.js';
import { StatusError } from '../../runtime/machinery/errors.js';
import { ProtoReader, ProtobufError, type MessageDecoder } from '../../runtime/machinery/protobuf.js';
import { decodeProtobuf, objectRequestMediaType, responseMediaType } from '../../runtime/machinery/serializer.js';
import { concat, entry, envelope, fixed32, fixed64, len, msg, num, tag, varint } from '../support/protobuf.js';

const EMPTY = new Uint8Array(0);

/** ObjectMeta fields as gogo-protobuf writes them: every non-pointer field, empty ones included. */
function objectMeta(field: number, name: string, namespace: string, ...more: Uint8Array[]): Uint8Array {
  return msg(
    field,
    len(1, name),
    len(2, ''), // generateName
    len(3, namespace),
    len(4, ''), // selfLink
    len(5, ''), // uid
    len(6, ''), // resourceVersion
    num(7, 0), // generation
    len(8, EMPTY), // creationTimestamp: the zero time is an empty message
    ...more,
  );
}

function protobufFailure(fn: () => unknown): ProtobufError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtobufError) return err;
    throw err;
  }
  throw new Error('expected a ProtobufError');
}

function statusFailure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('protobuf: generated decoders of the real kinds', () => {
  it('decodes a ConfigMap with labels, data and binaryData', () => {
    const raw = concat(
      objectMeta(1, 'cm', 'default', entry(11, 'app', 'web'), entry(11, 'tier', 'front')),
      entry(2, 'a', 'b'),
      entry(2, 'c', 'line1\nline2'),
      entry(3, 'bin', Uint8Array.from([0, 1, 2, 255])),
    );
    expect(decodeConfigMap(raw)).to.deep.equal({
      metadata: { name: 'cm', namespace: 'default', labels: { app: 'web', tier: 'front' } },
      data: { a: 'b', c: 'line1\nline2' },
      binaryData: { bin: Buffer.from([0, 1, 2, 255]).toString('base64') },
    });
  });

  it('decodes a Namespace (spec finalizers, empty status phase dropped)', () => {
    const raw = concat(objectMeta(1, 'ns1', ''), msg(2, len(1, 'kubernetes')), msg(3, len(1, '')));
    expect(decodeNamespace(raw)).to.deep.equal({ metadata: { name: 'ns1' }, spec: { finalizers: ['kubernetes'] }, status: {} });
  });

  it('decodes a Secret: data is bytes (base64 in JSON), stringData is text', () => {
    const raw = concat(objectMeta(1, 's', 'default'), entry(2, 'k', 'v'), len(3, 'Opaque'), entry(4, 'plain', 'text'), num(5, true));
    expect(decodeSecret(raw)).to.deep.equal({
      metadata: { name: 's', namespace: 'default' },
      data: { k: Buffer.from('v').toString('base64') },
      type: 'Opaque',
      stringData: { plain: 'text' },
      immutable: true,
    });
  });

  it('decodes Time, int64, IntOrString and repeated messages (Service)', () => {
    const seconds = Date.UTC(2024, 4, 1, 12, 0, 0) / 1000;
    const raw = concat(
      objectMeta(1, 'svc', 'default', msg(9, num(1, seconds), num(2, 123)), num(10, -30)),
      msg(
        2,
        msg(1, len(1, 'http'), len(2, 'TCP'), num(3, 80), msg(4, num(1, 1), num(2, 0), len(3, 'web'))),
        msg(1, len(1, 'metrics'), len(2, ''), num(3, 9090), msg(4, num(1, 0), num(2, 9091), len(3, ''))),
        entry(2, 'app', 'web'),
        num(12, -1), // healthCheckNodePort: negative int32 is a 10-byte varint
      ),
    );
    expect(decodeService(raw)).to.deep.equal({
      metadata: { name: 'svc', namespace: 'default', deletionTimestamp: '2024-05-01T12:00:00Z', deletionGracePeriodSeconds: -30 },
      spec: {
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 'web' },
          { name: 'metrics', port: 9090, targetPort: 9091 },
        ],
        selector: { app: 'web' },
        healthCheckNodePort: -1,
      },
    });
  });

  it('decodes Quantity fields ({string=1}) in autoscaling/v2', () => {
    const target = msg(2, len(1, 'AverageValue'), msg(3, len(1, '500m')));
    const raw = concat(
      objectMeta(1, 'hpa', 'default'),
      msg(2, msg(1, len(1, 'Deployment'), len(2, 'web'), len(3, 'apps/v1')), num(3, 5), msg(4, len(1, 'Resource'), msg(4, len(1, 'cpu'), target))),
    );
    expect(decodeHorizontalPodAutoscaler(raw)).to.deep.equal({
      metadata: { name: 'hpa', namespace: 'default' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } }],
      },
    });
  });

  it('decodes an embedded struct (IngressRule.http is field 1 of field 2)', () => {
    const backend = msg(2, msg(4, len(1, 'web'), msg(2, len(1, ''), num(2, 80))));
    const path = msg(1, len(1, '/'), len(3, 'Prefix'), backend);
    const raw = concat(objectMeta(1, 'ing', 'default'), msg(2, msg(3, len(1, 'example.com'), msg(2, msg(1, path)))));
    expect(decodeIngress(raw)).to.deep.equal({
      metadata: { name: 'ing', namespace: 'default' },
      spec: {
        rules: [
          {
            host: 'example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
          },
        ],
      },
    });
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const unknown = concat(num(90, 12345), fixed64(91, 1.5), fixed32(92, 2.5), len(93, 'x'), tag(94, 3), num(1, 1), tag(94, 4));
    const raw = concat(unknown, objectMeta(1, 'cm', 'default', unknown), unknown, entry(2, 'a', 'b'));
    expect(decodeConfigMap(raw)).to.deep.equal({ metadata: { name: 'cm', namespace: 'default' }, data: { a: 'b' } });
  });

  it('keeps __proto__ map keys as ordinary keys', () => {
    const out = decodeConfigMap(concat(entry(2, '__proto__', 'x'), entry(2, 'constructor', 'y')));
    const data = out.data as Record<string, unknown>;
    expect(Object.keys(data)).to.deep.equal(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(data)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('every kind with a decoder is numbered throughout the real api-defs', () => {
    const withDecoder = groups.flatMap((g) => g.kinds.flatMap((k) => k.versions.filter((v) => v.decodeProtobuf).map((v) => `${g.group}/${v.version}/${k.kind}`)));
    const without = groups.flatMap((g) => g.kinds.flatMap((k) => k.versions.filter((v) => !v.decodeProtobuf).map((v) => `${g.group}/${v.version}/${k.kind}`)));
    expect(without.every((k) => k.startsWith('example.com/')), without.join(', ')).to.equal(true);
    expect(withDecoder).to.include.members(['/v1/ConfigMap', '/v1/Secret', '/v1/Namespace', 'authorization.k8s.io/v1/SelfSubjectAccessReview']);
  });
});

describe('protobuf: wire errors', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['a truncated varint', Uint8Array.from([0x20, 0x80]), /truncated varint/], // immutable = 4
    ['a varint longer than 10 bytes', concat(Uint8Array.from([0x20]), new Uint8Array(11).fill(0x80)), /longer than 10 bytes/],
    ['a length past the end', concat(tag(1, 2), varint(1000), Uint8Array.from([1, 2])), /exceeds the 2 bytes left/],
    ['a huge length', concat(tag(1, 2), varint(2n ** 62n)), /exceeds/],
    ['field number 0', Uint8Array.from([0x02, 0x00]), /field number 0/],
    ['a wire type mismatch', num(1, 5), /field 1 has wire type varint, expected length-delimited/],
    ['an unknown wire type', Uint8Array.from([0x0e]), /unknown wire type 6/],
    ['a stray end-group', Uint8Array.from([0x0c]), /unexpected end-group/],
    ['an unterminated group', concat(tag(5, 3), num(1, 1)), /unterminated group/],
    ['a truncated fixed64', concat(tag(9, 1), Uint8Array.from([1, 2, 3])), /truncated/],
    ['a time out of range', msg(1, msg(8, num(1, 2n ** 60n))), /out of range/],
    ['invalid embedded JSON', msg(1, msg(17, msg(7, len(1, '{not json')))), /embedded JSON is not valid/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(protobufFailure(() => decodeConfigMap(bytes)).message).to.match(message);
    });
  }

  it('rejects messages nested deeper than the limit', () => {
    const deep: MessageDecoder = (bytes, depth = 0) => {
      const r = new ProtoReader(bytes, depth);
      const out: Record<string, unknown> = {};
      while (r.next()) out.inner = r.message(deep);
      return out;
    };
    let bytes: Uint8Array = EMPTY;
    for (let i = 0; i < 150; i++) bytes = msg(1, bytes);
    expect(protobufFailure(() => deep(bytes)).message).to.match(/nested more than 100 deep/);
  });
});

describe('protobuf: the k8s envelope', () => {
  const cm = concat(objectMeta(1, 'cm', 'default'), entry(2, 'a', 'b'));

  it('takes apiVersion and kind from the envelope', () => {
    const { obj } = decodeProtobuf(envelope('v1', 'ConfigMap', cm), decodeConfigMap);
    expect(obj).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: 'b' } });
    expect(Object.keys(obj).slice(0, 2)).to.deep.equal(['apiVersion', 'kind']);
  });

  it('accepts the envelope content type and rejects an encoding', () => {
    const ok = decodeProtobuf(envelope('v1', 'ConfigMap', cm, concat(len(3, ''), len(4, 'application/vnd.kubernetes.protobuf'))), decodeConfigMap);
    expect(ok.obj.kind).to.equal('ConfigMap');
    const gz = statusFailure(() => decodeProtobuf(envelope('v1', 'ConfigMap', cm, len(3, 'gzip')), decodeConfigMap));
    expect(gz.code).to.equal(400);
    expect(gz.message).to.match(/unsupported content encoding "gzip"/);
    const json = statusFailure(() => decodeProtobuf(envelope('v1', 'ConfigMap', cm, len(4, 'application/json')), decodeConfigMap));
    expect(json.message).to.match(/unsupported content type "application\/json"/);
  });

  it('answers 400 without the magic prefix, or on a broken envelope or object', () => {
    for (const body of [EMPTY, Uint8Array.from([0x6b, 0x38, 0x73]), new TextEncoder().encode('{"kind":"ConfigMap"}')]) {
      const err = statusFailure(() => decodeProtobuf(body, decodeConfigMap));
      expect(err.code).to.equal(400);
      expect(err.status.reason).to.equal('BadRequest');
      expect(err.message).to.match(/^the request body is not a valid Kubernetes protobuf message: the data does not start with the Kubernetes protobuf prefix \[107,56,115,0\]/);
    }
    const badEnvelope = concat(Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), Uint8Array.from([0x0a, 0x7f]));
    expect(statusFailure(() => decodeProtobuf(badEnvelope, decodeConfigMap)).code).to.equal(400);
    const badObject = envelope('v1', 'ConfigMap', Uint8Array.from([0x0a, 0xff, 0xff]));
    expect(statusFailure(() => decodeProtobuf(badObject, decodeConfigMap)).message).to.match(/truncated varint|exceeds/);
  });
});

describe('protobuf: fuzzing', function () {
  this.timeout(60_000);
  const decoders: [string, MessageDecoder][] = [
    ['ConfigMap', decodeConfigMap],
    ['Secret', decodeSecret],
    ['Service', decodeService],
    ['Ingress', decodeIngress],
    ['HorizontalPodAutoscaler', decodeHorizontalPodAutoscaler],
    ['SelfSubjectAccessReview', decodeSelfSubjectAccessReview],
  ];

  /** Decoding either succeeds with a JSON-serialisable object or fails with a 400. */
  function decodesOr400(body: Uint8Array, decoder: MessageDecoder): void {
    try {
      const { obj } = decodeProtobuf(body, decoder);
      JSON.stringify(obj);
    } catch (err) {
      expect(err).to.be.instanceOf(StatusError);
      expect((err as StatusError).code).to.equal(400);
    }
  }

  it('random bytes, with and without the envelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: decoders.length - 1 }), (bytes, i) => {
        const decoder = decoders[i]![1];
        decodesOr400(bytes, decoder);
        decodesOr400(envelope('v1', 'X', bytes), decoder);
      }),
      { numRuns: 3000 },
    );
  });

  it('valid messages truncated or with a byte changed', () => {
    const seconds = Date.UTC(2024, 0, 2) / 1000;
    const valid = concat(
      objectMeta(1, 'svc', 'default', entry(11, 'a', 'b'), msg(9, num(1, seconds)), msg(13, len(1, 'v1'), num(6, true))),
      msg(2, msg(1, len(1, 'http'), num(3, 80), msg(4, num(1, 1), len(3, 'web'))), entry(2, 'app', 'web')),
    );
    fc.assert(
      fc.property(fc.nat(valid.length), fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: decoders.length - 1 }), (cut, at, value, i) => {
        const decoder = decoders[i]![1];
        decodesOr400(envelope('v1', 'Service', valid.subarray(0, cut)), decoder);
        const changed = Uint8Array.from(valid);
        changed[at] = value;
        decodesOr400(envelope('v1', 'Service', changed), decoder);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('protobuf: content negotiation', () => {
  it('accepts a protobuf body only for kinds with a decoder', () => {
    expect(objectRequestMediaType('application/vnd.kubernetes.protobuf', true)).to.equal('application/vnd.kubernetes.protobuf');
    expect(objectRequestMediaType('application/vnd.kubernetes.protobuf; charset=binary', true)).to.equal('application/vnd.kubernetes.protobuf');
    expect(objectRequestMediaType('application/json', true)).to.equal('application/json');
    expect(objectRequestMediaType(undefined, false)).to.equal('application/json');
    const refused = statusFailure(() => objectRequestMediaType('application/vnd.kubernetes.protobuf', false));
    expect(refused.code).to.equal(415);
    expect(refused.message).to.match(/accepted media types include: application\/json, application\/yaml$/);
    const unknown = statusFailure(() => objectRequestMediaType('text/plain', true));
    expect(unknown.message).to.match(/application\/json, application\/yaml, application\/vnd\.kubernetes\.protobuf$/);
  });

  it('answers JSON when the client prefers protobuf but also accepts JSON', () => {
    for (const accept of [
      'application/vnd.kubernetes.protobuf,application/json',
      'application/vnd.kubernetes.protobuf, */*',
      'application/vnd.kubernetes.protobuf;q=1, application/json;q=0.5',
      'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    ]) {
      expect(responseMediaType(accept).mediaType, accept).to.equal('application/json');
    }
    expect(statusFailure(() => responseMediaType('application/vnd.kubernetes.protobuf')).code).to.equal(406);
  });
});
